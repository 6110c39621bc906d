import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { databaseTiles } from "../integrate/database-tiles";
import { consistencyProof, treeHash } from "../tree/proofs";
import { treeSizeWithinLatest } from "./latest-checkpoint";

export type ConsistencyProofView = {
  fromSize: number;
  toSize: number;
  fromRootHash: string;
  toRootHash: string;
  proof: string[];
};

const base64 = (hash: Buffer) => hash.toString("base64");

/**
 * The consistency proof (RFC 9162 §2.1.4) from the organization's tree of `from` entries to its tree of `to`
 * entries (the latest checkpoint's when not given): what shows a customer that the checkpoint it saved is a
 * prefix of the latest, so nothing it covered was changed, dropped or reordered since.
 */
export async function proveConsistency(
  tx: Tx,
  orgId: string,
  { from, to }: { from: number; to?: number | undefined },
): Promise<ConsistencyProofView> {
  const toSize = await treeSizeWithinLatest(tx, orgId, to, "to");
  if (from > toSize) {
    throw new AppError("invalid_input", `A tree of ${from} entries cannot be a prefix of one of ${toSize}.`, {
      from: [`At most ${toSize}.`],
    });
  }
  const tiles = databaseTiles(tx, orgId, { cached: true });
  // One after the other: the queries share the request's transaction.
  const proof = await consistencyProof(from, toSize, tiles);
  const fromRoot = await treeHash(from, tiles);
  const toRoot = await treeHash(toSize, tiles);
  return {
    fromSize: from,
    toSize,
    fromRootHash: base64(fromRoot),
    toRootHash: base64(toRoot),
    proof: proof.map(base64),
  };
}
