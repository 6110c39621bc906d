import "server-only";
import type { Db } from "@/lib/db/client";
import { listPublishedLogKeys } from "../checkpoints/log-keys";
import { checkpointNow } from "../integrate/checkpoint-now";
import { databaseTiles } from "../integrate/database-tiles";
import { listCheckpoints } from "../integrate/last-checkpoint";
import { cosignedNote } from "../published/cosigned-note";
import { inclusionProof } from "../tree/proofs";
import type { TBundleHeader } from "./audit-bundle-format";

/**
 * The checkpoint a bundle carries: first brings the organization's checkpoints up to its chain head, then
 * takes the smallest checkpoint whose size is ≥ the bundle's last seq (exactly toSeq when the bundle ends at
 * the head or at a checkpoint) with the inclusion proof of entry toSeq in it. Undefined when no checkpoint
 * covers the bundle yet (a log without a signing key, or one halted before toSeq).
 */
export async function bundleCheckpoint(db: Db, header: TBundleHeader): Promise<TBundleHeader["checkpoint"]> {
  try {
    await checkpointNow(db, header.orgId);
  } catch {
    // Leaving must stay possible: a bundle is still made, with the newest checkpoint already signed, if any.
  }
  const covering = (await listCheckpoints(db, header.orgId)).find((stored) => stored.size >= BigInt(header.toSeq));
  if (!covering) return undefined;
  const size = Number(covering.size);
  const proof = await inclusionProof(header.toSeq - 1, size, databaseTiles(db, header.orgId));
  const key = (await listPublishedLogKeys(db)).find((published) => published.keyId === covering.keyId);
  return {
    note: await cosignedNote(db, header.orgId, covering),
    size,
    logKey: key?.vkey ?? null,
    inclusionProof: proof.map((hash) => hash.toString("hex")),
  };
}
