import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { databaseTiles } from "../integrate/database-tiles";
import { lastCheckpoint } from "../integrate/last-checkpoint";
import { leafHash } from "../tree/merkle-hash";
import { inclusionProof, verifyInclusion } from "../tree/proofs";
import type { EntryInclusionView } from "./checkpoint-view";

const base64 = (hash: Buffer) => hash.toString("base64");

/**
 * Entry `seq` (leaf seq − 1, its chain hash in hex) against the organization's latest signed checkpoint: the
 * inclusion proof from the stored tiles, verified here against the checkpoint's stored root with the leaf
 * computed from the entry's own chain hash, so a proof is only shown as included when it holds.
 */
export async function entryInclusion(
  db: Db | Tx,
  orgId: string,
  { seq, chainHash }: { seq: bigint; chainHash: string },
): Promise<EntryInclusionView> {
  const checkpoint = await lastCheckpoint(db, orgId);
  if (!checkpoint || seq > checkpoint.size)
    return { status: "not_covered", checkpointSize: checkpoint?.size.toString() ?? null };
  const checkpointSize = checkpoint.size.toString();
  const [index, size] = [Number(seq - 1n), Number(checkpoint.size)];
  const proof = await inclusionProof(index, size, databaseTiles(db, orgId, { cached: true })).catch(() => null);
  if (!proof)
    return { status: "failed", checkpointSize, reason: "The proof could not be built from the stored tiles." };
  const rootHash = Buffer.from(checkpoint.rootHash, "hex");
  const leaf = Buffer.from(chainHash, "hex");
  const ok = leaf.length === 32 && verifyInclusion({ leafHash: leafHash(leaf), index, size, proof, rootHash });
  if (!ok)
    return { status: "failed", checkpointSize, reason: "The proof does not lead to the checkpoint's root hash." };
  return {
    status: "included",
    checkpointSize,
    leafIndex: String(index),
    rootHash: base64(rootHash),
    proof: proof.map(base64),
  };
}
