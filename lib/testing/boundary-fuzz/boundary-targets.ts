import type { z } from "zod";
import type { EntryPoint } from "@/lib/guard/registry";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { ENTRY_BASELINES, type Baseline } from "./entry-baselines";
import type { FuzzWorld } from "./fuzz-fixture";

/**
 * Where a request can carry input, for one entry point of the guard's registry: its path
 * parameters, query keys, JSON body fields (nested, array items and extra keys too: "*" is a key the
 * test makes up), the raw body text, a few headers, and the organization's slug.
 */
export type Position = "params" | "query" | "body" | "rawBody" | "header" | "orgSlug";
/** `valued`: the entry's valid request holds a value there (entry-baselines.ts). */
export type Slot = { position: Position; path: string[]; valued?: boolean };
export type BoundaryTarget = {
  id: string;
  entry: EntryPoint;
  /** For /api/v1: the operation's method and path template. */
  method: string;
  path: string;
  slots: Slot[];
};

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The schema under its optional/default/pipe/catch wrappers. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let level = 0; level < 10; level++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else break;
  }
  return current;
}

/** Every field path a schema reads, a few levels down: object keys, "0" for an array's items, "*" for a key it does not know. */
function fieldPaths(schema: z.ZodType | undefined, prefix: string[] = [], depth = 0): string[][] {
  if (!schema || depth > 3) return [];
  const inner = unwrapped(schema);
  const def = defOf(inner);
  if (def.type === "object") {
    const shape = (inner as unknown as { shape: Record<string, z.ZodType> }).shape;
    return [
      [...prefix, "*"],
      ...Object.entries(shape).flatMap(([key, child]) => [
        [...prefix, key],
        ...fieldPaths(child, [...prefix, key], depth + 1),
      ]),
    ];
  }
  if (def.type === "array" && def.element)
    return [[...prefix, "0"], ...fieldPaths(def.element, [...prefix, "0"], depth + 1)];
  if (def.type === "record") return [[...prefix, "*"]];
  if (def.type === "union" && def.options)
    return def.options
      .flatMap((option) => fieldPaths(option, prefix, depth + 1))
      .filter((path) => path.length > prefix.length);
  return [];
}

const OPERATION_BY_ID = new Map<string, { method: string; path: string; idempotent?: boolean }>(
  Object.values(API_OPERATIONS).map((operation) => [operation.operationId, operation]),
);

export function boundaryTargetOf(entry: EntryPoint): BoundaryTarget {
  const id = `${entry.kind}:${entry.name}`;
  const inputs = entry.inputs ?? {};
  const slots: Slot[] = [];
  const add = (position: Position, paths: string[][]) => paths.forEach((path) => slots.push({ position, path }));
  add(
    "params",
    fieldPaths(inputs.params).filter((path) => path.length === 1),
  );
  if (inputs.body) add("body", [[], ...fieldPaths(inputs.body)]);
  const operation = OPERATION_BY_ID.get(entry.name);
  if (entry.kind !== "action") {
    add("query", [["*"], ...fieldPaths(inputs.query).filter((path) => path.length === 1)]);
    if (inputs.body) add("rawBody", [[]]);
    add("header", [["user-agent"]]);
  }
  if (entry.kind === "api") add("header", [["authorization"], ...(operation?.idempotent ? [["idempotency-key"]] : [])]);
  // The org comes from the URL (routes) or the action's first argument: both are client input.
  if (entry.permission !== null && entry.kind !== "api") add("orgSlug", [[]]);
  const baseline = ENTRY_BASELINES[id]?.(PLACEHOLDER_WORLD) ?? {};
  const marked = dedupe(slots).map((slot) => ({ ...slot, valued: holdsValue(baseline, slot) }));
  return {
    id,
    entry,
    method: operation?.method ?? (inputs.body ? "POST" : "GET"),
    path: operation?.path ?? `/${entry.name}`,
    slots: marked,
  };
}

/** Enough of a world for a baseline's shape (its ids are only strings here). */
const PLACEHOLDER_WORLD = new Proxy(
  { serial: 0 },
  { get: (target, name) => (name === "serial" ? target.serial : String(name)) },
) as unknown as FuzzWorld;

function holdsValue(baseline: Baseline, { position, path }: Slot): boolean {
  if (position === "orgSlug") return true;
  if (position === "header") return path[0] !== "idempotency-key";
  if (position === "rawBody") return baseline.body !== undefined;
  let current: unknown = position === "body" ? baseline.body : position === "params" ? baseline.params : baseline.query;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return current !== undefined;
}

function dedupe(slots: Slot[]): Slot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const key = `${slot.position}:${slot.path.join(".")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
