import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { ActorType, Geo } from "@/lib/context";

/**
 * The exact bytes an audit entry's hashes cover. This file is the reference for the README's
 * "Hash chain" section; change one and you must change the other (and bump FORMAT_VERSION).
 */

export const FORMAT_VERSION = 1;
/** prevHash of an organization's first entry: 32 zero bytes, hex-encoded. */
export const GENESIS_HASH = "0".repeat(64);

export type Outcome = "success" | "failure" | "denied";

/** Everything an entry records except its position in the chain (seq, prevHash, hash). */
export type EntryContent = {
  id: string;
  orgId: string;
  /** UTC, microsecond precision, exactly as stored: 2026-11-25T13:28:18.123456Z */
  occurredAt: string;
  category: string;
  action: string;
  actor: { type: ActorType; id: string | null; display: string | null };
  target: { type: string; id: string | null; display: string | null } | null;
  outcome: Outcome;
  ip: string | null;
  userAgent: string | null;
  geo: Geo | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
};

/** RFC 8785 (JSON Canonicalization Scheme) bytes of the content, with the format version. */
export function canonicalBytes(content: EntryContent): Buffer {
  const text = canonicalize({ v: FORMAT_VERSION, ...content });
  if (text === undefined) throw new Error("audit entry content cannot be canonicalized");
  return Buffer.from(text, "utf8");
}

export function contentHashOf(content: EntryContent): string {
  return createHash("sha256").update(canonicalBytes(content)).digest("hex");
}

/** hash = SHA-256(prevHash bytes ‖ contentHash bytes), both 32 raw bytes, hex-encoded. */
export function linkHashOf(prevHash: string, contentHash: string): string {
  return createHash("sha256")
    .update(Buffer.from(prevHash, "hex"))
    .update(Buffer.from(contentHash, "hex"))
    .digest("hex");
}

/**
 * The current time in microseconds, formatted as stored. JavaScript dates stop at milliseconds,
 * and the hash must cover exactly the precision PostgreSQL keeps.
 */
export function nowMicros(): string {
  // A whole number of microseconds since 1970 (about 1.8e15) is exact in a double: no BigInt needed on this path.
  const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  return withMicros(new Date(Math.floor(micros / 1000)), micros % 1_000_000);
}

export function formatMicros(micros: bigint): string {
  return withMicros(new Date(Number(micros / 1000n)), Number(micros % 1_000_000n));
}

/** The date's ISO text (…:ss.mmmZ) with the second's fraction written to the microsecond instead. */
function withMicros(date: Date, microsOfSecond: number): string {
  return `${date.toISOString().slice(0, -4)}${String(microsOfSecond).padStart(6, "0")}Z`;
}

export function microsOf(date: Date): string {
  return formatMicros(BigInt(date.getTime()) * 1000n);
}

/**
 * RFC 8785 text of a value as JSON.parse returns it (null, boolean, finite number, string, array, plain object),
 * or as code builds content: the same text `canonicalize` gives, lone surrogates refused alike, members that are
 * undefined (or symbols) left out of objects and written null in arrays, toJSON honoured, as `canonicalize` does. It
 * leaves out the one check content never needs (cycles: a cycle overflows the stack here instead). For the
 * verifiers and the archive, which canonicalize every entry they read, and for every entry appended
 * (prepareAuditEntry). A test holds it to `canonicalize` on JSON of every shape.
 */
export function canonicalParsedJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "string" && !value.isWellFormed()) throw new Error("Lone surrogate is not allowed");
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("Infinity or NaN is not allowed");
    return JSON.stringify(value);
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonicalParsedJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalParsedJson(absent(item) ? null : item)).join(",")}]`;
  const record = value as Record<string, unknown>;
  let text = "";
  for (const key of Object.keys(record).sort()) {
    if (absent(record[key])) continue;
    text += `${text === "" ? "" : ","}${canonicalParsedJson(key)}:${canonicalParsedJson(record[key])}`;
  }
  return `{${text}}`;
}

/** Left out of an object, null in an array, as `canonicalize` (and JSON.stringify) treat them. */
const absent = (value: unknown) => value === undefined || typeof value === "symbol";

const CONTENT_KEYS = [
  "action",
  "actor",
  "category",
  "geo",
  "id",
  "ip",
  "metadata",
  "occurredAt",
  "orgId",
  "outcome",
  "requestId",
  "target",
  "userAgent",
] as const;

/**
 * contentHashOf for content read from JSON (a bundle line, a segment, a row's text): the same hash, sooner. With
 * exactly the content's fields (the usual case) the top level is written in its sorted order without sorting.
 */
export function contentHashOfParsed(content: EntryContent): string {
  const record = content as unknown as Record<string, unknown>;
  if (Object.keys(record).length === CONTENT_KEYS.length && CONTENT_KEYS.every((key) => !absent(record[key]))) {
    let text = "{";
    for (const key of CONTENT_KEYS) text += `"${key}":${canonicalParsedJson(record[key])},`;
    text += `"v":${FORMAT_VERSION}}`;
    return createHash("sha256").update(text).digest("hex");
  }
  return contentHashOf(content);
}
