import { z } from "zod";
import { AUDIT_EVENTS, type AuditCategory, type CatalogAction } from "@/lib/audit/event-catalog";
import { EVENT_DESCRIPTIONS } from "@/lib/audit/event-descriptions";

/** One event type as the webhook catalog page shows it. */
export type EventTypeDoc = {
  type: string;
  category: AuditCategory;
  description: string;
  /** The metadata fields of its schema: name, JSON type, whether always present. */
  fields: { name: string; type: string; required: boolean }[];
  /** A body as a delivery of this type carries it ({type, timestamp, data: the entry}), with sample values. */
  sample: { type: string; timestamp: string; data: Record<string, unknown> };
};

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
};

const SAMPLE_TIME = "2026-01-15T09:30:00.000000Z";
/** A plausible value for a JSON Schema (zod's own export of the event's metadata schema). */
function sampleOf(schema: JsonSchema | undefined, name = "value"): unknown {
  if (!schema) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.anyOf ?? schema.oneOf;
  if (variant?.length) return sampleOf(variant.find((option) => option.type !== "null") ?? variant[0], name);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? schema.type[0]) : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sampleOf(value, key)]),
      );
    case "array":
      return [sampleOf(schema.items, name)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      // Hashes are the one patterned kind of value the catalog has (a SHA-256 in hex).
      if (schema.pattern === "^[0-9a-f]{64}$" || /sha256$/i.test(name)) return "a".repeat(64);
      if (schema.format === "date-time" || /At$|since|until|from$/i.test(name)) return "2026-01-15T09:30:00.000Z";
      if (/email|notified/i.test(name)) return "ada@example.com";
      if (/Id$|^id$/.test(name)) return "3f2b8c1e-6d4a-4e8b-9a57-0c1d2e3f4a5b";
      return `example ${name}`;
    default:
      return null;
  }
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return {};
  }
}

function typeName(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const variant = schema.anyOf ?? schema.oneOf;
  if (variant) return variant.map(typeName).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") return `${schema.items ? typeName(schema.items) : "any"}[]`;
  return schema.type ?? "any";
}

/** Every event type the trail records, with its description, its metadata fields and a sample delivery body. */
export function eventTypeDocs(): EventTypeDoc[] {
  return Object.entries(AUDIT_EVENTS)
    .map(([type, { category, metadata }]) => {
      const schema = jsonSchemaOf(metadata as z.ZodType);
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(([name, field]) => ({
        name,
        type: typeName(field),
        required: required.has(name),
      }));
      return {
        type,
        category,
        description: EVENT_DESCRIPTIONS[type as CatalogAction],
        fields,
        sample: sampleBody(type, category, schema),
      };
    })
    .sort((a, b) => a.type.localeCompare(b.type));
}

/** The body a delivery of `type` carries, with sample values (the real one carries the committed entry). */
function sampleBody(type: string, category: AuditCategory, metadata: JsonSchema): EventTypeDoc["sample"] {
  const hash = (digit: string) => digit.repeat(64);
  return {
    type,
    timestamp: SAMPLE_TIME,
    data: {
      id: "9b0e6f0a-2c4d-4f7e-8a1b-5c6d7e8f9a0b",
      orgId: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
      seq: "42",
      occurredAt: SAMPLE_TIME,
      category,
      action: type,
      actor: { type: "user", id: "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a", display: "ada@example.com" },
      target: null,
      outcome: "success",
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      geo: null,
      requestId: "req_01HZX3",
      metadata: sampleOf(metadata) ?? {},
      contentHash: hash("a"),
      prevHash: hash("b"),
      hash: hash("c"),
    },
  };
}

/** The sample body of one event type, or null for a type the trail does not record. */
export function sampleEventBody(type: string): EventTypeDoc["sample"] | null {
  return eventTypeDocs().find((doc) => doc.type === type)?.sample ?? null;
}
