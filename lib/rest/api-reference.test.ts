import { spawnSync } from "node:child_process";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { apiReference, type OpenApiOperation } from "./api-reference";
import { openApiDocument } from "./openapi";
import { API_OPERATIONS } from "./operations";
import { tryItRequest } from "./try-it-request";

const API_BASE = "https://verity.example.com/api/v1";
const document = openApiDocument();
const operations = Object.values(API_OPERATIONS) as ApiOperation[];
const described = (operation: ApiOperation) =>
  document.paths[operation.path][operation.method.toLowerCase()] as OpenApiOperation;
const reference = apiReference(document.paths, API_BASE).flatMap((group) => group.operations);

/** Issues of `value` against a JSON Schema of the document, read back by zod: what a client generator would accept. */
const jsonSchemaIssues = (schema: object, value: unknown) =>
  z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value).error?.issues ?? [];

describe("the API reference's examples", () => {
  it("give every JSON response an example that its documented schema and the handler's own schema both accept", () => {
    let checked = 0;
    for (const operation of operations) {
      const content = described(operation).responses[String(operation.status)].content ?? {};
      const json = content["application/json"];
      if (!json) continue;
      expect(json.example, operation.operationId).toBeDefined();
      expect(jsonSchemaIssues(json.schema, json.example), `${operation.operationId}: documented schema`).toEqual([]);
      // The handler parses its answer with this schema on the way out: the example is an answer it could give.
      expect(operation.response.safeParse(json.example).error?.issues ?? [], operation.operationId).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("give every JSON request body an example the handler would accept, refinements included", () => {
    for (const operation of operations.filter((candidate) => candidate.body)) {
      const json = described(operation).requestBody!.content["application/json"];
      expect(jsonSchemaIssues(json.schema, json.example), operation.operationId).toEqual([]);
      expect(operation.body!.safeParse(json.example).error?.issues ?? [], operation.operationId).toEqual([]);
    }
  });

  it("fail when an example does not fit its schema (the check can catch a lie)", () => {
    const me = described(API_OPERATIONS.me as ApiOperation).responses["200"].content!["application/json"];
    const lie = { ...(me.example as object), key: { ...(me.example as { key: object }).key, environment: "staging" } };
    expect(jsonSchemaIssues(me.schema, lie)).not.toEqual([]);
    expect(API_OPERATIONS.me.response.safeParse(lie).success).toBe(false);
  });
});

describe("the API reference", () => {
  it("lists every operation of the OpenAPI document once, with its method, full path, tag and permission", () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} /api/v1${path}`),
    );
    expect(reference.map((operation) => `${operation.method} ${operation.fullPath}`).sort()).toEqual(documented.sort());
    expect(new Set(reference.map((operation) => operation.id)).size).toBe(operations.length);
    const me = reference.find((operation) => operation.id === "getMe")!;
    expect(me).toMatchObject({ method: "GET", fullPath: "/api/v1/me", tag: "Keys", permission: null });
    expect(JSON.parse(me.success.example!)).toHaveProperty("key.effectivePermissions");
    const list = reference.find((operation) => operation.id === "listAuditEvents")!;
    expect(list.permission).toBe("audit.read");
  });

  it("writes curl snippets the shell accepts, with the real base URL, the key variable and a valid body", () => {
    // One shell reads them all (each in its own function body, so one unclosed quote cannot hide behind another).
    const script = reference
      .map((operation) => `snippet_${operation.id}() {\n${operation.snippets.curl}\n}`)
      .join("\n");
    const syntax = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
    expect(syntax.status, syntax.stderr).toBe(0);
    expect(spawnSync("bash", ["-n"], { input: `curl -d '{"a":1}`, encoding: "utf8" }).status).not.toBe(0);
    for (const operation of reference) {
      const { curl } = operation.snippets;
      expect(curl).toContain(`"${API_BASE}${operation.path.replace(/\{(\w+)\}/g, "$")}`.split("$")[0]);
      expect(curl).toContain(`-H "Authorization: Bearer $VERITY_API_KEY"`);
      expect(curl).not.toMatch(/vk_(live|test)_[0-9A-Za-z]{20,}/);
      if (operation.method !== "GET") expect(curl).toContain(`-X ${operation.method}`);
      const data = curl.match(/ -d '((?:[^']|'\\'')*)'/);
      if (operation.request?.contentType === "application/json") {
        const body = JSON.parse(data![1].replace(/'\\''/g, "'"));
        const source = operations.find((candidate) => candidate.operationId === operation.id)!;
        expect(source.body!.safeParse(body).success, operation.id).toBe(true);
      } else expect(data).toBeNull();
    }
  });

  it("writes JavaScript snippets that parse as modules and call fetch with the key from the environment", () => {
    for (const operation of reference) {
      const { javascript } = operation.snippets;
      const parsed = ts.transpileModule(javascript, {
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      expect(parsed.diagnostics?.map((diagnostic) => diagnostic.messageText) ?? [], javascript).toEqual([]);
      expect(javascript).toContain(`await fetch(\`${API_BASE}`);
      expect(javascript).toContain("Authorization: `Bearer ${process.env.VERITY_API_KEY}`");
      expect(javascript).toContain(`method: "${operation.method}"`);
    }
  });

  it("writes Python snippets that parse, using requests with the key from the environment", () => {
    const sources = reference.map((operation) => operation.snippets.python);
    const check = spawnSync(
      "python3",
      [
        "-c",
        "import ast, json, sys\n" +
          "errors = []\n" +
          "for source in json.load(sys.stdin):\n" +
          "    try:\n        ast.parse(source)\n" +
          "    except SyntaxError as error:\n        errors.append(f'{error}: {source}')\n" +
          "print(json.dumps(errors))",
      ],
      { input: JSON.stringify(sources), encoding: "utf8" },
    );
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual([]);
    for (const operation of reference) {
      expect(operation.snippets.python).toContain(`requests.${operation.method.toLowerCase()}(`);
      expect(operation.snippets.python).toContain(`f"Bearer {os.environ['VERITY_API_KEY']}"`);
    }
    // And the check itself fails on a broken snippet.
    const broken = spawnSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], {
      input: "requests.get(",
      encoding: "utf8",
    });
    expect(broken.status).not.toBe(0);
  });
});

describe("Try it", () => {
  const key = "vk_test_AbCdEfGhIjKlMnOpQrStUv123456";

  it("puts the pasted key in the Authorization header and nowhere else, and sends no cookies", () => {
    const request = tryItRequest({
      method: "POST",
      path: "/api-keys/{keyId}/roll",
      apiKey: `  ${key} `,
      pathValues: { keyId: "3f6c9a52-8d1e-4b7a-9c2f-5e4d3b2a1c0f" },
      queryValues: { note: "a b" },
      body: '{"graceHours": 1}',
    });
    if ("error" in request) throw new Error(request.error);
    expect(request.url).toBe("/api/v1/api-keys/3f6c9a52-8d1e-4b7a-9c2f-5e4d3b2a1c0f/roll?note=a+b");
    expect(request.init.headers.Authorization).toBe(`Bearer ${key}`);
    expect(request.init.credentials).toBe("omit");
    const { Authorization: _authorization, ...otherHeaders } = request.init.headers;
    expect(JSON.stringify({ url: request.url, body: request.init.body, otherHeaders })).not.toContain(key);
  });

  it("refuses to send without a key, with a path parameter missing, or with a body that is not JSON", () => {
    const base = { method: "DELETE", path: "/secrets/{name}", pathValues: {}, queryValues: {} };
    expect(tryItRequest({ ...base, apiKey: " " })).toEqual({ error: "Paste an API key to send the request." });
    expect(tryItRequest({ ...base, apiKey: key })).toEqual({ error: "Fill in name." });
    const post = { ...base, method: "POST", path: "/audit-events", apiKey: key, body: "{oops" };
    expect(tryItRequest(post)).toMatchObject({ error: expect.stringMatching(/^The body is not valid JSON/) });
  });

  it("encodes a path value so it cannot reach another route, except a tile's path, which keeps its slashes", () => {
    const secret = tryItRequest({
      method: "GET",
      path: "/secrets/{name}",
      apiKey: key,
      pathValues: { name: "../members?x=1" },
      queryValues: {},
    });
    expect(secret).toMatchObject({ url: "/api/v1/secrets/..%2Fmembers%3Fx%3D1" });
    const tile = tryItRequest({
      method: "GET",
      path: "/audit-log/tile/{path}",
      apiKey: key,
      pathValues: { path: "0/000" },
      queryValues: {},
    });
    expect(tile).toMatchObject({ url: "/api/v1/audit-log/tile/0/000" });
  });
});
