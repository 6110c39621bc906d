import "server-only";
import type { Tx } from "@/lib/db/client";
import { edgeFromTiles, edgeRootHash, type TreeEdge } from "../tree/tree-edge";
import { databaseTiles } from "./database-tiles";
import type { StoredCheckpoint } from "./last-checkpoint";

/** Each organization's tree edge as this process last signed it, so the next run need not read it back. */
const edges = new Map<string, TreeEdge>();
const MAX_CACHED = 10_000;

/**
 * The edge of the tree the last checkpoint signed: this process's copy when it still matches that
 * checkpoint (another worker may have signed since), otherwise rebuilt from the stored tiles and the
 * entries of the partial level-0 tile. Null when the rebuilt edge's root is not the signed root: tiles or
 * entries changed after the checkpoint was signed.
 */
export async function edgeOfCheckpoint(tx: Tx, orgId: string, last: StoredCheckpoint | null): Promise<TreeEdge | null> {
  const size = Number(last?.size ?? 0n);
  const cached = edges.get(orgId);
  if (cached && cached.size === size && (last === null || edgeRootHash(cached).toString("hex") === last.rootHash))
    return cached;
  const edge = await edgeFromTiles(size, databaseTiles(tx, orgId));
  if (last !== null && edgeRootHash(edge).toString("hex") !== last.rootHash) return null;
  return edge;
}

/** Keeps the edge just signed for the organization's next run. */
export function keepEdge(orgId: string, edge: TreeEdge): void {
  if (edges.size >= MAX_CACHED && !edges.has(orgId)) edges.clear();
  edges.set(orgId, edge);
}

/** Forgets every cached edge (tests that rewrite the database behind the integrator's back). */
export function forgetEdges(): void {
  edges.clear();
}
