import { z } from "zod";
import type { EntryContent } from "@/lib/audit/entry-content";

/**
 * A verifiable export bundle: NDJSON whose first line is a header and whose every other line is one
 * entry, with its position (seq, prevHash, hash, contentHash) and every content field, so anyone
 * holding the file can recompute the chain from the README's "Hash chain" section alone.
 *
 *   {"type":"verity.audit-bundle","version":1,"orgId":…,"fromSeq":1,"toSeq":3,"prevHash":"000…","count":3,"exportedAt":…}
 *   {"seq":1,"prevHash":"000…","hash":…,"contentHash":…,"id":…,"orgId":…,"occurredAt":"2026-11-25T13:28:18.123456Z",…}
 */
export const BUNDLE_TYPE = "verity.audit-bundle";
export const BUNDLE_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex digits");
const seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ZBundleHeader = z.object({
  type: z.literal(BUNDLE_TYPE),
  version: z.literal(BUNDLE_VERSION),
  orgId: z.string(),
  fromSeq: seq,
  toSeq: seq,
  /** The hash of the entry just before fromSeq: the genesis value when the range starts the chain. */
  prevHash: hex64,
  count: z.number().int().nonnegative(),
  exportedAt: z.string().optional(),
  /** The signed checkpoint covering the bundle's last entry (absent when the log has none yet). */
  checkpoint: z
    .strictObject({
      /** The signed note, exactly as the log signed it (checkpoint text, blank line, signature lines). */
      note: z.string(),
      /** The tree size the note commits to: the smallest checkpoint with size ≥ toSeq. */
      size: seq,
      /** The vkey that signed the note, as the panel published it; trusted only when no --log-key is given. */
      logKey: z.string().nullable(),
      /** Inclusion proof of entry toSeq (leaf index toSeq − 1) in the tree of `size` entries, hex. */
      inclusionProof: z.array(hex64),
    })
    .optional(),
});
export type TBundleHeader = z.infer<typeof ZBundleHeader>;

const nullableText = z.string().nullable();

/** Strict: a field the hash does not cover could otherwise ride along unnoticed. */
export const ZBundleEntry = z.strictObject({
  seq,
  prevHash: hex64,
  hash: hex64,
  contentHash: hex64,
  id: z.string(),
  orgId: z.string(),
  occurredAt: z.string(),
  category: z.string(),
  action: z.string(),
  actor: z.strictObject({ type: z.enum(["user", "api_key", "system"]), id: nullableText, display: nullableText }),
  target: z.strictObject({ type: z.string(), id: nullableText, display: nullableText }).nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  ip: nullableText,
  userAgent: nullableText,
  geo: z.strictObject({ country: nullableText, region: nullableText, city: nullableText }).nullable(),
  requestId: nullableText,
  metadata: z.record(z.string(), z.unknown()),
});
export type TBundleEntry = { seq: number; prevHash: string; hash: string; contentHash: string } & EntryContent;

/** The entry's hashed content: every field but its position in the chain. */
export function contentOfBundleEntry({
  seq: _seq,
  prevHash: _prev,
  hash: _hash,
  contentHash: _content,
  ...content
}: TBundleEntry): EntryContent {
  return content;
}
