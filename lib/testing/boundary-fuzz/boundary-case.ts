import fc from "fast-check";
import type { Db } from "@/lib/db/client";
import { ERROR_STATUS } from "@/lib/http/app-error";
import { testBrowser } from "../test-browser";
import type { BoundaryTarget, Slot } from "./boundary-targets";
import { ENTRY_BASELINES, type Baseline } from "./entry-baselines";
import { repairFuzzWorld, writesOf, type FuzzWorld } from "./fuzz-fixture";
import {
  actionOnlyValue,
  actionValueOf,
  deepJsonText,
  hostileJson,
  hostileString,
  jsonTextOf,
  RawJson,
} from "./hostile-input";

/**
 * One generated request: the entry point, the place in it, and what goes there. A "taint" is the
 * valid value already there with one hostile character slipped in (resolved when the request is
 * sent, against the world as it is then), so that everything else passes validation.
 */
export type Spoil = { kind: "value"; value: unknown } | { kind: "taint"; at: number; char: string; replace: boolean };
export type BoundaryCase = { target: string; slot: Slot; key: string; spoil: Spoil };

/** The characters slipped into valid values: the ones PostgreSQL and RFC 8785 refuse come up most. */
const TAINTS = fc.oneof(
  { arbitrary: fc.constantFrom("\u0000", "\ud800", "\udc00", "\udbff"), weight: 3 },
  {
    arbitrary: fc.constantFrom("\u202e", "\u0001", "\ufeff", "\u2028", "%00", "'", "\uffff", "\\", '"', "\u{10ffff}"),
    weight: 1,
  },
);

const taint = fc.record({
  kind: fc.constant("taint" as const),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  char: TAINTS,
  replace: fc.boolean(),
});
const value = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((item) => ({ kind: "value" as const, value: item }));
const mostlyTaint = (...others: fc.Arbitrary<Spoil>[]) =>
  fc.oneof(
    { arbitrary: taint, weight: others.length * 2 },
    ...others.map((other) => ({ arbitrary: other, weight: 1 })),
  );

function spoilFor(target: BoundaryTarget, slot: Slot): fc.Arbitrary<Spoil> {
  switch (slot.position) {
    case "params":
    case "query":
    case "header":
      return mostlyTaint(value(hostileString()));
    case "rawBody":
      return fc.oneof(
        value(hostileString(200)),
        value(
          fc
            .tuple(fc.integer({ min: 30, max: 40_000 }), fc.constantFrom("array", "object"))
            .map(([depth, kind]) => `{"a":${deepJsonText(depth, kind as "array")}}`),
        ),
        taint,
      );
    case "orgSlug":
      return target.entry.kind === "action" ? mostlyTaint(value(hostileJson)) : mostlyTaint(value(hostileString()));
    case "body":
      return target.entry.kind === "action"
        ? mostlyTaint(value(hostileJson), value(hostileString()), value(actionOnlyValue))
        : mostlyTaint(value(hostileJson), value(hostileString()));
  }
}

/**
 * A generated case for one of `targets`. Places that hold a value in the entry's valid request are
 * picked more often than made-up keys: a hostile character there is what reaches the database.
 */
export function boundaryCaseOf(targets: BoundaryTarget[]): fc.Arbitrary<BoundaryCase> {
  return fc.constantFrom(...targets).chain((target) =>
    fc
      .oneof(...target.slots.map((slot) => ({ arbitrary: fc.constant(slot), weight: slot.valued ? 4 : 1 })))
      .chain((slot) =>
        fc.record({
          target: fc.constant(target.id),
          slot: fc.constant(slot),
          key: fc.oneof(hostileString(12), fc.constantFrom("__proto__", "constructor")),
          spoil: spoilFor(target, slot),
        }),
      ),
  );
}

/** What the case spoils the value at its place with. */
function spoiled(spoil: Spoil, current: unknown): unknown {
  if (spoil.kind === "value") return spoil.value;
  const plausible = typeof current === "string" ? current : current === undefined ? "" : jsonTextOf(current);
  const at = Math.floor(spoil.at * plausible.length);
  return plausible.slice(0, at) + spoil.char + plausible.slice(spoil.replace ? at + 1 : at);
}

/** Sets `value` at `path` in `container` (creating objects on the way; "*" is the case's made-up key). */
function setAt(container: unknown, path: string[], key: string, spoil: Spoil): unknown {
  if (path.length === 0) return spoiled(spoil, container);
  const [head, ...rest] = path;
  const name = head === "*" ? key : head;
  const base: Record<string, unknown> = Array.isArray(container)
    ? ([...container] as never)
    : container !== null && typeof container === "object"
      ? { ...(container as object) }
      : {};
  const next = setAt(Object.prototype.hasOwnProperty.call(base, name) ? base[name] : undefined, rest, key, spoil);
  Object.defineProperty(base, name, { value: next, enumerable: true, writable: true, configurable: true });
  return base;
}

export type CaseOutcome = { status: number | "unsendable"; failure?: string };

const stringsOf = (record: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((record ?? {}) as Record<string, unknown>).map(([name, item]) => [
      name,
      typeof item === "string" ? item : jsonTextOf(item),
    ]),
  );

function safePathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "unencodable";
  }
}

/** The request for a route or /api/v1 case; null when no client could send it (a header fetch refuses). */
function requestOf(
  target: BoundaryTarget,
  world: FuzzWorld,
  testCase: BoundaryCase,
  baseline: Baseline,
): { request: Request; params: Record<string, string> } | null {
  const { slot, key, spoil } = testCase;
  const params = stringsOf(
    slot.position === "params" ? setAt(baseline.params ?? {}, slot.path, key, spoil) : (baseline.params ?? {}),
  );
  const query = stringsOf(
    slot.position === "query" ? setAt(baseline.query ?? {}, slot.path, key, spoil) : (baseline.query ?? {}),
  );
  const orgSlug = slot.position === "orgSlug" ? String(spoiled(spoil, world.slug)) : world.slug;
  const body = slot.position === "body" ? setAt(baseline.body ?? {}, slot.path, key, spoil) : baseline.body;
  const text =
    slot.position === "rawBody"
      ? String(spoiled(spoil, jsonTextOf(baseline.body ?? {})))
      : body === undefined
        ? undefined
        : jsonTextOf(body);
  const path =
    target.entry.kind === "api"
      ? `/api/v1${target.path.replace(/\{(\w+)\}/g, (_, name: string) => safePathSegment(params[name] ?? ""))}`
      : `/api/orgs/${safePathSegment(orgSlug)}/fuzz`;
  const headers: Record<string, string> = {
    "x-verity-peer-ip": "127.0.0.1",
    "user-agent": "boundary-fuzz",
    "content-type": "application/json",
  };
  if (target.entry.kind === "api") headers.authorization = `Bearer ${world.key}`;
  else headers.cookie = world.cookie;
  if (slot.position === "header") {
    const name = slot.path[0];
    headers[name] = String(
      spoiled(spoil, name === "authorization" ? headers.authorization : name === "user-agent" ? headers[name] : ""),
    );
  }
  try {
    const url = new URL(`http://localhost${path}`);
    for (const [name, item] of Object.entries(query)) url.searchParams.append(name, item);
    const method = target.entry.kind === "api" ? target.method : text === undefined ? "GET" : "POST";
    return {
      request: new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : text }),
      params: target.entry.kind === "api" ? params : { ...params, orgSlug },
    };
  } catch {
    return null; // a header value fetch itself refuses (a NUL, a character above U+00FF): no client can send it
  }
}

async function callRoute(
  target: BoundaryTarget,
  world: FuzzWorld,
  testCase: BoundaryCase,
  baseline: Baseline,
): Promise<CaseOutcome> {
  const built = requestOf(target, world, testCase, baseline);
  if (!built) return { status: "unsendable" };
  const handle = target.entry.handle as (
    request: Request,
    context: { params: Promise<Record<string, string>> },
  ) => Promise<Response>;
  const response = await handle(built.request, { params: Promise.resolve(built.params) });
  try {
    await response.arrayBuffer(); // a streamed answer (export, verification) is written after the status: read it all
  } catch (error) {
    return {
      status: response.status,
      failure: `the answer's body failed after status ${response.status}: ${(error as Error).message}`,
    };
  }
  return { status: response.status, ...(response.status >= 500 ? { failure: `answered ${response.status}` } : {}) };
}

async function callAction(
  target: BoundaryTarget,
  world: FuzzWorld,
  testCase: BoundaryCase,
  baseline: Baseline,
): Promise<CaseOutcome> {
  const { slot, key, spoil } = testCase;
  const input = actionValueOf(
    slot.position === "body" ? setAt(baseline.body ?? {}, slot.path, key, spoil) : (baseline.body ?? {}),
  );
  const orgSlug = slot.position === "orgSlug" ? actionValueOf(spoiled(spoil, world.slug)) : world.slug;
  testBrowser.cookie = world.cookie;
  let result: { ok?: boolean; code?: keyof typeof ERROR_STATUS | "internal" } | undefined;
  try {
    const handle = target.entry.handle as (...args: unknown[]) => Promise<typeof result>;
    result = target.entry.permission === null ? await handle(input) : await handle(orgSlug, input);
  } catch (error) {
    return { status: 500, failure: `the action threw: ${(error as Error)?.message ?? String(error)}` };
  }
  if (result?.ok === true) return { status: 200 };
  if (result?.ok !== false || !result.code)
    return { status: 500, failure: `the action answered ${JSON.stringify(result)}` };
  if (result.code === "internal")
    return { status: 500, failure: "the action failed with an unexpected error (code internal)" };
  return { status: ERROR_STATUS[result.code] };
}

/**
 * Sends one case and judges it: no 5xx (for an action: no throw and no "internal" failure), and a
 * refused request changes nothing it should not (fuzz-fixture.ts: writesOf). After a success, the
 * world is repaired for the next case.
 */
export async function sendBoundaryCase(
  db: Db,
  world: FuzzWorld,
  targets: Map<string, BoundaryTarget>,
  testCase: BoundaryCase,
): Promise<{ outcome: CaseOutcome; world: FuzzWorld }> {
  const target = targets.get(testCase.target)!;
  const baseline = ENTRY_BASELINES[target.id]?.(world) ?? {};
  const before = await writesOf(db, world);
  const outcome =
    target.entry.kind === "action"
      ? await callAction(target, world, testCase, baseline)
      : await callRoute(target, world, testCase, baseline);
  if (typeof outcome.status === "number" && outcome.status < 300)
    return { outcome, world: await repairFuzzWorld(db, world) };
  if (!outcome.failure && outcome.status !== "unsendable") {
    const after = await writesOf(db, world);
    if (after !== before)
      return {
        outcome: { ...outcome, failure: `refused with ${outcome.status}, yet wrote: ${before} → ${after}` },
        world,
      };
  }
  return { outcome, world };
}

/** A case as a person would read it in a failure report (long values shortened). */
export function describeCase(testCase: BoundaryCase): string {
  const shown = JSON.stringify(testCase, (_, item: unknown) =>
    item instanceof RawJson
      ? item.toString()
      : typeof item === "string" && item.length > 120
        ? `${item.slice(0, 60)}… (${item.length} chars)`
        : typeof item === "bigint"
          ? `${item}n`
          : item,
  );
  return shown.replace(
    /[\u0000-\u001f\ud800-\udfff\u2028\u2029\u202a-\u202e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
