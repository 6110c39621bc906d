/** The slice of JSON Schema 2020-12 that the API's zod schemas produce, as the docs page reads it. */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

/** A one-line type: `string (uuid)`, `"success" | "failure"`, `object[]`, `string | null`. */
export function typeLabel(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.split("/").pop() ?? "object";
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  if (schema.type === "array") return `${schema.items ? typeLabel(schema.items) : "any"}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "object" && !schema.properties && typeof schema.additionalProperties === "object")
    return `map of ${typeLabel(schema.additionalProperties)}`;
  if (!schema.type) return "any";
  return schema.format ? `${schema.type} (${schema.format})` : schema.type;
}

/** Bounds and defaults, in words: "1–200, default 50". */
export function constraintsOf(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.minimum !== undefined || schema.maximum !== undefined)
    parts.push(`${schema.minimum ?? "…"}–${schema.maximum ?? "…"}`);
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  if (schema.maxItems !== undefined) parts.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(", ");
}

/** The object schema inside a nullable or array wrapper, whose fields deserve their own rows. */
export function nestedObject(schema: JsonSchema): JsonSchema | null {
  if (schema.type === "object" && schema.properties) return schema;
  if (schema.type === "array" && schema.items) return nestedObject(schema.items);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(nestedObject).find(Boolean) ?? null;
  return null;
}

/** A plausible request body for a curl example: required fields, first enum values, defaults where given. */
export function exampleOf(schema: JsonSchema, depth = 0): unknown {
  if (depth > 4) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return exampleOf(union.find((option) => option.type !== "null") ?? union[0], depth + 1);
  switch (schema.type) {
    case "object": {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name));
      return Object.fromEntries(entries.map(([name, property]) => [name, exampleOf(property, depth + 1)]));
    }
    case "array":
      return schema.items ? [exampleOf(schema.items, depth + 1)] : [];
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "string":
      return schema.format === "date-time"
        ? "2025-01-01T00:00:00Z"
        : schema.format === "uuid"
          ? "00000000-0000-4000-8000-000000000000"
          : "…";
    default:
      return null;
  }
}
