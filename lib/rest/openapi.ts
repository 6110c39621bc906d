import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { MAX_JSON_BODY_BYTES as MAX_BODY_BYTES } from "@/lib/http/body-limit";
import { API_OPERATIONS } from "./operations";
import { exampleOf, type JsonSchema as ExampleSchema } from "./schema-example";

type JsonSchema = Record<string, unknown>;

/** A JSON media type with its schema and a generated example (lib/rest/api-reference.test.ts validates each). */
function jsonContent(schema: JsonSchema, use: "request" | "response", example?: unknown) {
  return { schema, example: example ?? exampleOf(schema as ExampleSchema, { requiredOnly: use === "request" }) };
}

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1. Requests are described as they are sent (before defaults and transforms). */
function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = schemaOf(schema, "output") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || ((json.required ?? []).includes(name) && !("default" in property)),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function operationObject(operation: ApiOperation) {
  const refusals: Record<string, unknown> = {
    "400": problem("Invalid input: the `errors` member names each field"),
    "401": problem("Missing, malformed, unknown, revoked or expired API key"),
    "403": problem("Address outside the key's ranges, a read-only key, or a missing scope"),
    "429": problem("Over the key's rate limit; see Retry-After and the RateLimit headers"),
  };
  if (operation.params) refusals["404"] = problem("No such object in the key's organization");
  if (operation.body) refusals["413"] = problem(`Body over ${(operation.maxBodyBytes ?? MAX_BODY_BYTES) / 1024} KB`);
  if (operation.multipart) {
    refusals["413"] = problem(
      `A part over its limit (the whole body at most ${operation.multipart.maxBytes / 1024 / 1024} MB)`,
    );
    refusals["415"] = problem("Not multipart/form-data, or audio in a format Verity does not take");
  }
  if (operation.idempotent) refusals["422"] = problem("Idempotency-Key already used for a different request");
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    "x-permission": operation.permission,
    parameters: [
      ...parametersOf(operation.params, "path"),
      ...parametersOf(operation.query, "query"),
      ...(operation.idempotent
        ? [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Makes a retry safe for 24 hours.",
              schema: { type: "string", maxLength: 255 },
            },
          ]
        : []),
    ],
    ...(operation.multipart
      ? {
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: Object.entries(operation.multipart.parts).flatMap(([name, part]) =>
                    part.required ? [name] : [],
                  ),
                  properties: Object.fromEntries(
                    Object.entries(operation.multipart.parts).map(([name, part]) => [
                      name,
                      { type: "string", description: part.description, ...(part.binary ? { format: "binary" } : {}) },
                    ]),
                  ),
                },
              },
            },
          },
        }
      : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": jsonContent(schemaOf(operation.body, "input"), "request", operation.requestExample),
            },
          },
        }
      : {}),
    ...(operation.streamedBody
      ? {
          requestBody: {
            required: true,
            description: operation.streamedBody.description,
            content: { [operation.streamedBody.contentType]: { schema: { type: "string" } } },
          },
        }
      : {}),
    responses: {
      [String(operation.status)]: operation.stream
        ? {
            description: operation.stream.description,
            ...(operation.stream.headers ? { headers: operation.stream.headers } : {}),
            // `response` describes the JSON body; the other formats are text (or gzip bytes).
            content: Object.fromEntries(
              operation.stream.contentTypes.map((type) => [
                type,
                type === "application/json"
                  ? jsonContent(schemaOf(operation.response, "output"), "response")
                  : { schema: { type: "string" } },
              ]),
            ),
          }
        : {
            description: operation.status === 201 ? "Created" : "OK",
            content: { "application/json": jsonContent(schemaOf(operation.response, "output"), "response") },
          },
      ...refusals,
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of Object.values(API_OPERATIONS) as ApiOperation[]) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Verity API",
      version: "1",
      description:
        "Read and extend your organization's tamper-evident audit trail, and manage members and API keys. " +
        "Authenticate with `Authorization: Bearer vk_live_…` (or `vk_test_…`). A key acts with its scopes " +
        "intersected with its creator's current role; read-only keys may only GET.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "vk_live_… / vk_test_…" } },
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
            requestId: { type: "string" },
          },
          required: ["type", "title", "status", "detail"],
        },
      },
    },
    paths,
  };
}
