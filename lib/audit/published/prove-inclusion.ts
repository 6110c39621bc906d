import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { databaseTiles } from "../integrate/database-tiles";
import { inclusionProof, treeHash } from "../tree/proofs";
import { treeSizeWithinLatest } from "./latest-checkpoint";

export type InclusionProofView = {
  seq: number;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  proof: string[];
};

const base64 = (hash: Buffer) => hash.toString("base64");

/**
 * The inclusion proof (RFC 9162 §2.1.3) of entry `seq` (leaf seq − 1) in the organization's tree of `size`
 * entries (the latest checkpoint's when not given), with that tree's root: a verifier checks the proof against
 * the root of a checkpoint it holds, never against the one sent beside it.
 */
export async function proveInclusion(
  tx: Tx,
  orgId: string,
  { seq, size }: { seq: number; size?: number | undefined },
): Promise<InclusionProofView> {
  const treeSize = await treeSizeWithinLatest(tx, orgId, size, "size");
  if (seq > treeSize) {
    throw new AppError("invalid_input", `Entry ${seq} is not in the tree of ${treeSize} entries.`, {
      seq: [`At most ${treeSize}, the tree size.`],
    });
  }
  const tiles = databaseTiles(tx, orgId, { cached: true });
  const proof = await inclusionProof(seq - 1, treeSize, tiles);
  const root = await treeHash(treeSize, tiles);
  return { seq, leafIndex: seq - 1, treeSize, rootHash: base64(root), proof: proof.map(base64) };
}
