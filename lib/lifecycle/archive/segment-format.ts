import { z } from "zod";
import { ZBundleHeader } from "@/lib/audit/export/audit-bundle-format";

/**
 * An archived segment is two objects in the archive store (docs/archive.md has the byte layout with a worked
 * example):
 *
 *   <orgId>/<fromSeq:16 digits>-<toSeq:16 digits>.ndjson.gz       entries fromSeq..toSeq, one bundle line each
 *   <orgId>/<fromSeq:16 digits>-<toSeq:16 digits>.manifest.json   this manifest
 *
 * The entry lines are exactly the lines of a verifiable bundle (audit-bundle-format.ts), without its header:
 * the manifest is the header, and carries what ties the range to the log: the hash before the range, the
 * last hash, the SHA-256 of the gzip object as stored, and the signed checkpoint with the inclusion proof of
 * entry toSeq in it (the chain hash of toSeq commits to every entry before it, so one proof covers the range).
 */
export const SEGMENT_TYPE = "verity.archive-segment";
export const SEGMENT_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex digits");
const seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ZSegmentManifest = z.strictObject({
  type: z.literal(SEGMENT_TYPE),
  version: z.literal(SEGMENT_VERSION),
  orgId: z.string(),
  fromSeq: seq,
  toSeq: seq,
  count: z.number().int().positive(),
  /** The hash of entry fromSeq − 1: the genesis hash (64 zeros) for a segment that starts the chain. */
  firstPrevHash: hex64,
  /** The chain hash of entry toSeq. */
  lastHash: hex64,
  /** occurredAt of the first and last entries, as the entries write it. */
  firstOccurredAt: z.string(),
  lastOccurredAt: z.string(),
  /**
   * The earliest and latest occurredAt of the segment's entries: chain order may differ from time order by a
   * transaction's length, so the first and last entries do not bound its dates. Absent in segments written before
   * they were recorded (then first and last stand in).
   */
  minOccurredAt: z.string().optional(),
  maxOccurredAt: z.string().optional(),
  object: z.strictObject({ key: z.string(), sha256: hex64, bytes: z.number().int().positive() }),
  /** The signed checkpoint covering entry toSeq, with its inclusion proof: a bundle header's checkpoint. */
  checkpoint: ZBundleHeader.shape.checkpoint.unwrap(),
  archivedAt: z.string(),
});
export type TSegmentManifest = z.infer<typeof ZSegmentManifest>;

const pad = (value: number | bigint) => String(value).padStart(16, "0");

/** The name of a segment's objects, without the extension: it says the organization and the range. */
export function segmentName(orgId: string, fromSeq: number | bigint, toSeq: number | bigint): string {
  return `${orgId}/${pad(fromSeq)}-${pad(toSeq)}`;
}

export const entriesKey = (name: string) => `${name}.ndjson.gz`;
export const manifestKey = (name: string) => `${name}.manifest.json`;

/** The range a manifest key names, or null for another object. */
export function rangeOfManifestKey(key: string): { fromSeq: number; toSeq: number } | null {
  const match = /\/(\d{16})-(\d{16})\.manifest\.json$/.exec(key);
  return match ? { fromSeq: Number(match[1]), toSeq: Number(match[2]) } : null;
}

/** The prefix under which every object of the organization's segments from fromSeq lies. */
export const segmentsFromPrefix = (orgId: string, fromSeq: number | bigint) => `${orgId}/${pad(fromSeq)}-`;
