/** The slice of JSON Schema 2020-12 that the API's zod schemas produce, as the docs read it. */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

const UUID = "3f6c9a52-8d1e-4b7a-9c2f-5e4d3b2a1c0f";
const HASH = "9f2c41e8b7d05a63c1e4f8a29b7d6e05c3a1f4b8e2d9c7a6b5f0e1d2c3b4a596";
const AT = "2026-12-01T09:30:00.000Z";

/** Values a reader recognises, by field name, where the schema itself has no example, format or enum. */
const BY_NAME: Record<string, unknown> = {
  email: "ada@example.com",
  type: "user",
  outcome: "success",
  name: "Acme",
  ip: "203.0.113.7",
  lastUsedIp: "203.0.113.7",
  prefix: "vk_live_AbCd",
  last4: "x9Qe",
  slug: "acme",
  display: "ada@example.com",
  country: "DE",
  region: "BE",
  city: "Berlin",
  userAgent: "curl/8.5.0",
  action: "member.invited",
  category: "members",
  eventType: "member.invited",
  url: "https://hooks.example.com/verity",
  phone: "+14155550123",
  timeZone: "America/New_York",
  zip: "94107",
  state: "CA",
  headSeq: "42",
  seq: "42",
  firstSeq: "1",
  lastSeq: "42",
  requestId: "req_01JEXAMPLE7Q2",
  to: "+14155550123",
  subject: "ada@example.com",
};

function stringExample(schema: JsonSchema, name: string | undefined): string {
  const byFormat: Record<string, string> = {
    "date-time": AT,
    date: "2026-12-01",
    uuid: UUID,
    email: "ada@example.com",
    uri: "https://hooks.example.com/verity",
    url: "https://hooks.example.com/verity",
    ipv4: "203.0.113.7",
    ipv6: "2001:db8::7",
    binary: "(bytes)",
  };
  const candidates = [
    schema.format ? byFormat[schema.format] : undefined,
    name ? BY_NAME[name] : undefined,
    name && /At$/.test(name) ? AT : undefined,
    name && /(^id$|Id$)/.test(name) ? UUID : undefined,
    name && /[hH]ash$|sha256$/i.test(name) ? HASH : undefined,
    name ? name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() : undefined,
    "example",
  ].filter((value): value is string => typeof value === "string");
  const pattern = schema.pattern ? new RegExp(schema.pattern, "u") : null;
  const fits = (value: string) =>
    (!pattern || pattern.test(value)) &&
    value.length >= (schema.minLength ?? 0) &&
    value.length <= (schema.maxLength ?? Infinity);
  return candidates.find(fits) ?? candidates[0].padEnd(schema.minLength ?? 0, "x").slice(0, schema.maxLength);
}

function numberExample(schema: JsonSchema, integer: boolean): number {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
  const value = low ?? (high !== undefined ? Math.min(high, 1) : 1);
  return integer ? Math.ceil(value) : value;
}

/**
 * A plausible value of a schema: its own example or default first, then the first enum value, a value
 * by format or field name that fits the pattern and lengths, the lower bound of a number. A response shows
 * every field; a request (`requiredOnly`) shows the fields it must send, so it is the smallest valid call.
 */
export function exampleOf(
  schema: JsonSchema,
  options: { requiredOnly?: boolean; name?: string } = {},
  depth = 0,
): unknown {
  if (depth > 8) return null;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const option = union.find((candidate) => candidate.type !== "null") ?? union[0];
    return exampleOf(option, options, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== "null") : schema.type;
  switch (type) {
    case "object": {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).filter(
        ([name]) => !options.requiredOnly || required.has(name),
      );
      if (!schema.properties && typeof schema.additionalProperties === "object") {
        const key = schema.propertyNames ? stringExample(schema.propertyNames, "key") : "key";
        return { [key]: exampleOf(schema.additionalProperties, { ...options, name: key }, depth + 1) };
      }
      return Object.fromEntries(
        entries.map(([name, property]) => [name, exampleOf(property, { ...options, name }, depth + 1)]),
      );
    }
    case "array": {
      if (!schema.items || schema.maxItems === 0) return [];
      const item = exampleOf(schema.items, { ...options, name: undefined }, depth + 1);
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case "integer":
      return numberExample(schema, true);
    case "number":
      return numberExample(schema, false);
    case "boolean":
      return true;
    case "string":
      return stringExample(schema, options.name);
    case "null":
      return null;
    default:
      return {};
  }
}
