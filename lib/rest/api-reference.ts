import type { Permission } from "@/lib/rbac/permissions";
import { snippetsOf, type Snippets } from "./api-snippets";
import type { JsonSchema } from "./schema-example";

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: JsonSchema };
type MediaType = { schema: JsonSchema; example?: unknown };
type Response = { description: string; content?: Record<string, MediaType> };
/** One operation object as lib/rest/openapi.ts writes it. */
export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  "x-permission": Permission | null;
  parameters: Parameter[];
  requestBody?: { description?: string; content: Record<string, MediaType> };
  responses: Record<string, Response>;
};

/** One operation as the docs page shows it: everything read off the OpenAPI document, plus its snippets. */
export type ReferenceOperation = {
  id: string;
  method: string;
  /** The OpenAPI path under /api/v1. */
  path: string;
  /** The path a request names: /api/v1/… */
  fullPath: string;
  tag: string;
  summary: string;
  description?: string;
  permission: Permission | null;
  parameters: Parameter[];
  /** The request body's media type and schema, and its example as JSON text where it is JSON. */
  request?: { contentType: string; description?: string; schema: JsonSchema; example?: string };
  success: { status: string; description: string; contentTypes: string[]; schema?: JsonSchema; example?: string };
  refusals: { status: string; description: string }[];
  snippets: Snippets;
};

export type ReferenceGroup = { tag: string; operations: ReferenceOperation[] };

/**
 * The API reference the docs page renders, grouped by tag in the document's order: every operation of the
 * OpenAPI document (lib/rest/api-reference.test.ts checks none is left out), with its example response and
 * copyable calls against `apiBase` (the organization's real base URL, ending in /api/v1).
 */
export function apiReference(paths: Record<string, Record<string, unknown>>, apiBase: string): ReferenceGroup[] {
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, described] of Object.entries(methods)) {
      const operation = described as OpenApiOperation;
      const [status, response] = Object.entries(operation.responses)[0];
      const json = response.content?.["application/json"];
      const [requestType, requestMedia] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      const reference: ReferenceOperation = {
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        fullPath: `/api/v1${path}`,
        tag: operation.tags[0],
        summary: operation.summary,
        ...(operation.description ? { description: operation.description } : {}),
        permission: operation["x-permission"],
        parameters: operation.parameters,
        ...(requestType && requestMedia
          ? {
              request: {
                contentType: requestType,
                ...(operation.requestBody?.description ? { description: operation.requestBody.description } : {}),
                schema: requestMedia.schema,
                ...(requestMedia.example !== undefined
                  ? { example: JSON.stringify(requestMedia.example, null, 2) }
                  : {}),
              },
            }
          : {}),
        success: {
          status,
          description: response.description,
          contentTypes: Object.keys(response.content ?? {}),
          ...(json ? { schema: json.schema } : {}),
          ...(json?.example !== undefined ? { example: JSON.stringify(json.example, null, 2) } : {}),
        },
        refusals: Object.entries(operation.responses)
          .slice(1)
          .map(([code, refusal]) => ({ status: code, description: refusal.description })),
        snippets: snippetsOf(
          {
            method: method.toUpperCase(),
            path,
            parameters: operation.parameters,
            ...(operation.requestBody ? { requestBody: operation.requestBody } : {}),
            responseTypes: Object.keys(response.content ?? {}),
          },
          apiBase,
        ),
      };
      const group = groups.get(reference.tag) ?? [];
      group.push(reference);
      groups.set(reference.tag, group);
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}
