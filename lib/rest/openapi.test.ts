import { describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { registeredEntryPoints } from "@/lib/guard/registry";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { API_OPERATIONS } from "./operations";

const routeModules = import.meta.glob(["/app/api/v1/**/route.ts"]);
/** The route file of an OpenAPI path: {name} is a [name] segment, or a [...name] catch-all (tile paths). */
function routeFileOf(path: string, files: string[]): string {
  const single = `/app/api/v1${path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const catchAll = `/app/api/v1${path.replace(/\{(\w+)\}/g, "[...$1]")}/route.ts`;
  return files.includes(catchAll) ? catchAll : single;
}

describe("the OpenAPI document", () => {
  it("is served at /api/v1/openapi.json as OpenAPI 3.1, with every operation, its permission and its schemas", async () => {
    const response = await getOpenApi(new Request("http://localhost/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    for (const operation of Object.values(API_OPERATIONS) as ApiOperation[]) {
      const described = document.paths[operation.path]?.[operation.method.toLowerCase()];
      expect(described, `${operation.method} ${operation.path}`).toBeDefined();
      expect(described.operationId).toBe(operation.operationId);
      expect(described["x-permission"]).toBe(operation.permission);
      // JSON, or the operation's own types (a signed note as text, a tile as bytes).
      const content = described.responses[String(operation.status)].content;
      const type =
        operation.stream?.contentTypes.includes("application/json") === false
          ? operation.stream.contentTypes[0]
          : "application/json";
      expect(content[type].schema, `${operation.operationId} ${type}`).toBeTypeOf("object");
      expect(described.responses["401"].content["application/problem+json"]).toBeDefined();
      const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const name of pathParams) {
        expect(described.parameters).toContainEqual(expect.objectContaining({ name, in: "path", required: true }));
      }
      if (operation.body) expect(described.requestBody.content["application/json"].schema.type).toBe("object");
    }
    // An audit entry carries what a client needs to recompute its hashes, and says how.
    const ingest = (Object.values(API_OPERATIONS) as ApiOperation[]).find(
      (operation) => operation.path === "/audit-events" && operation.method === "POST",
    )!;
    const entry =
      document.paths["/audit-events"].post.responses[String(ingest.status)].content["application/json"].schema;
    expect(entry.required).toEqual(expect.arrayContaining(["orgId", "occurredAt", "contentHash", "prevHash", "hash"]));
    expect(entry.properties.contentHash.description).toMatch(/RFC 8785/);
    expect(entry.properties.occurredAt.description).toMatch(/six fractional digits/);
    // Request bodies are described as sent: defaults are optional, unknown fields are refused.
    const createKey = document.paths["/api-keys"].post.requestBody.content["application/json"].schema;
    expect(createKey.required).toEqual(["name", "environment", "scopes"]);
    expect(createKey.additionalProperties).toBe(false);
  });

  it("describes exactly the operations the route handlers serve", async () => {
    for (const load of Object.values(routeModules)) await load();
    const served = registeredEntryPoints()
      .filter((entry) => entry.kind === "api")
      .map((entry) => entry.name)
      .sort();
    const documented = (Object.values(API_OPERATIONS) as ApiOperation[])
      .map((operation) => operation.operationId)
      .sort();
    expect(served).toEqual(documented);
    for (const operation of Object.values(API_OPERATIONS) as ApiOperation[]) {
      const file = routeFileOf(operation.path, Object.keys(routeModules));
      expect(Object.keys(routeModules), file).toContain(file);
      const module = (await routeModules[file]()) as Record<string, unknown>;
      expect(module[operation.method], `${operation.method} export of ${file}`).toBeTypeOf("function");
    }
  });
});
