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
  const micros = BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000));
  return formatMicros(micros);
}

export function formatMicros(micros: bigint): string {
  const millis = Number(micros / 1000n);
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0");
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

export function microsOf(date: Date): string {
  return formatMicros(BigInt(date.getTime()) * 1000n);
}

/**
 * RFC 8785 text of a value as JSON.parse returns it (null, boolean, finite number, string, array, plain object):
 * the same text `canonicalize` gives, lone surrogates refused alike, without its generic checks (toJSON, cycles,
 * undefined, symbols), which parsed JSON cannot hold. For the verifiers and the archive, which canonicalize every
 * entry they read.
 */
export function canonicalParsedJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "string" && !value.isWellFormed()) throw new Error("Lone surrogate is not allowed");
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("Infinity or NaN is not allowed");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalParsedJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  let text = "";
  for (const key of Object.keys(record).sort()) {
    text += `${text === "" ? "" : ","}${canonicalParsedJson(key)}:${canonicalParsedJson(record[key])}`;
  }
  return `{${text}}`;
}

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
  if (Object.keys(record).length === CONTENT_KEYS.length && CONTENT_KEYS.every((key) => record[key] !== undefined)) {
    let text = "{";
    for (const key of CONTENT_KEYS) text += `"${key}":${canonicalParsedJson(record[key])},`;
    text += `"v":${FORMAT_VERSION}}`;
    return createHash("sha256").update(text).digest("hex");
  }
  return contentHashOf(content);
}
