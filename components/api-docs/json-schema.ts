import type { JsonSchema } from "@/lib/rest/schema-example";

export type { JsonSchema };

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
