import { parseCheckpoint, type Checkpoint } from "../checkpoints/checkpoint-text";
import { openNote, type NoteVerifier } from "../checkpoints/signed-note";
import { leafHash } from "../tree/merkle-hash";
import { rootFromLeaves, verifyInclusion } from "../tree/verify-proofs";
import type { TBundleHeader } from "./audit-bundle-format";

/**
 * Checks a verified bundle against the signed checkpoint in its header, offline: the note's signature
 * (against the given verifiers), its size, the inclusion of the bundle's last entry and, when the bundle
 * holds the chain from seq 1 up to the checkpoint's size, the root recomputed from every entry. With
 * `since` (a note saved earlier), checks the log only grew from it: the older root must be the root of the
 * bundle's first `since.size` entries, so the bundle must start at seq 1 and reach that size.
 */
export type BundleCheckpointCheck = { ok: true; size: number; rootHash: string } | { ok: false; reason: string };

type Bundle = { fromSeq: number; toSeq: number; lastHash: string; chainHashes: string[] | null };

function openCheckpoint(note: string, verifiers: readonly NoteVerifier[], what: string): Checkpoint | string {
  let text: string;
  try {
    text = openNote(note, verifiers).text;
  } catch (error) {
    return `${what} is not signed by a trusted log key: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    return parseCheckpoint(text);
  } catch (error) {
    return `${what} is not a checkpoint: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const rootOfFirst = (chainHashes: string[], size: number) =>
  rootFromLeaves(chainHashes.slice(0, size).map((hash) => leafHash(Buffer.from(hash, "hex"))));

export function verifyBundleCheckpoint(
  carried: NonNullable<TBundleHeader["checkpoint"]>,
  bundle: Bundle,
  verifiers: readonly NoteVerifier[],
  since?: string,
): BundleCheckpointCheck {
  const checkpoint = openCheckpoint(carried.note, verifiers, "the bundle's checkpoint");
  if (typeof checkpoint === "string") return { ok: false, reason: checkpoint };
  if (checkpoint.size !== BigInt(carried.size) || carried.size < bundle.toSeq) {
    return { ok: false, reason: `the checkpoint (size ${checkpoint.size}) does not cover entry ${bundle.toSeq}` };
  }
  const included = verifyInclusion({
    leafHash: leafHash(Buffer.from(bundle.lastHash, "hex")),
    index: bundle.toSeq - 1,
    size: carried.size,
    proof: carried.inclusionProof.map((hash) => Buffer.from(hash, "hex")),
    rootHash: checkpoint.rootHash,
  });
  if (!included) {
    return { ok: false, reason: `entry ${bundle.toSeq} is not in the checkpoint's tree: the inclusion proof fails` };
  }
  const whole = bundle.chainHashes && bundle.fromSeq === 1 && bundle.toSeq === carried.size;
  if (whole && !rootOfFirst(bundle.chainHashes!, carried.size).equals(checkpoint.rootHash)) {
    return { ok: false, reason: "the root recomputed from the bundle's entries differs from the checkpoint's" };
  }
  if (since !== undefined) {
    const old = openCheckpoint(since, verifiers, "the --since checkpoint");
    if (typeof old === "string") return { ok: false, reason: old };
    if (old.origin !== checkpoint.origin) {
      return { ok: false, reason: `the --since checkpoint is of log "${old.origin}", not "${checkpoint.origin}"` };
    }
    if (!bundle.chainHashes || bundle.fromSeq !== 1 || old.size > BigInt(bundle.toSeq)) {
      return {
        ok: false,
        reason: `--since needs a bundle from seq 1 through at least ${old.size} (this one holds ${bundle.fromSeq}..${bundle.toSeq})`,
      };
    }
    if (!rootOfFirst(bundle.chainHashes, Number(old.size)).equals(old.rootHash)) {
      return {
        ok: false,
        reason: `the log was rewritten since the saved checkpoint: the bundle's first ${old.size} entries do not hash to its root`,
      };
    }
  }
  return { ok: true, size: carried.size, rootHash: checkpoint.rootHash.toString("hex") };
}
