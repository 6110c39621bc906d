import { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { parseCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { parseNote, type NoteVerifier } from "@/lib/audit/checkpoints/signed-note";
import { BUNDLE_TYPE, BUNDLE_VERSION } from "@/lib/audit/export/audit-bundle-format";
import { linesOf } from "@/lib/audit/export/bundle-file-lines";
import { verifyAuditBundle } from "@/lib/audit/export/verify-audit-bundle";
import { verifyBundleCheckpoint } from "@/lib/audit/export/verify-bundle-checkpoint";
import type { ArchiveStore } from "./archive-store";
import { hashingTap } from "./hashing-tap";
import type { TSegmentManifest } from "./segment-format";

export type SegmentCheck = { ok: true } | { ok: false; problem: "missing" | "altered"; reason: string };

/** The object's lines, gunzipped, while its stored bytes are counted and hashed. */
export function gunzippedLines(body: AsyncIterable<Uint8Array>) {
  const { tap, stored } = hashingTap();
  const output = pipeline(Readable.from(body), tap, createGunzip(), () => {});
  return { lines: linesOf(output), stored };
}

/** The manifest as a bundle header, so the entry lines are checked by the bundle verifier itself. */
function headerLine(manifest: TSegmentManifest): string {
  return JSON.stringify({
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    orgId: manifest.orgId,
    fromSeq: manifest.fromSeq,
    toSeq: manifest.toSeq,
    prevHash: manifest.firstPrevHash,
    count: manifest.count,
  });
}

async function* withHeader(header: string, lines: AsyncIterable<string>): AsyncGenerator<string> {
  yield header;
  yield* lines;
}

/**
 * Checks an archived segment against its manifest, reading the object from the store: its SHA-256 and size,
 * every entry (content hash, link, hash, contiguous seqs from fromSeq, linked to firstPrevHash), the last hash,
 * and the signed checkpoint: its signature (against `verifiers`), that it is this organization's log, and the
 * inclusion of entry toSeq in its tree. Offline but for the store.
 */
export async function verifySegment(
  store: ArchiveStore,
  manifest: TSegmentManifest,
  verifiers: readonly NoteVerifier[],
): Promise<SegmentCheck> {
  const altered = (reason: string): SegmentCheck => ({ ok: false, problem: "altered", reason });
  const body = await store.read(manifest.object.key);
  if (!body) return { ok: false, problem: "missing", reason: `its entries object ${manifest.object.key} is missing` };
  const object = gunzippedLines(body);
  let result;
  try {
    result = await verifyAuditBundle(withHeader(headerLine(manifest), object.lines));
  } catch (error) {
    return altered(`its entries object cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!result.ok) return altered(`entry line ${result.line - 1}: ${result.reason}`);
  const stored = object.stored();
  if (stored.sha256 !== manifest.object.sha256 || stored.bytes !== manifest.object.bytes)
    return altered("its entries object is not the one archived: its SHA-256 differs from the manifest's");
  if (result.lastHash !== manifest.lastHash) return altered("its last entry's hash differs from the manifest's");
  const check = verifyBundleCheckpoint(
    manifest.checkpoint,
    { fromSeq: manifest.fromSeq, toSeq: manifest.toSeq, lastHash: result.lastHash, chainHashes: null },
    verifiers,
  );
  if (!check.ok) return altered(check.reason);
  const origin = parseCheckpoint(parseNote(manifest.checkpoint.note).text).origin;
  if (!origin.endsWith(`/orgs/${manifest.orgId}`)) return altered("its checkpoint is of another organization's log");
  return { ok: true };
}
