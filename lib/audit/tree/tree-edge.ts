/**
 * The right edge of an organization's Merkle tree: its size and, per tile level, the hashes of the partial tile
 * there. That is all the integrator keeps between batches: appending leaves extends the edge and hands back the
 * tiles that became full (to be stored, immutable), so nothing is ever recomputed from scratch, and the root of
 * the tree is folded from the edge alone.
 */
import { EMPTY_TREE_HASH, HASH_SIZE, nodeHash, perfectRoot } from "./merkle-hash";
import { partialTilesForSize, TILE_WIDTH, type TileCoord, type TileReader } from "./tiles";

/** `levels[L]`: the hashes of the partial tile at level L (0..255 of them, each 32 bytes), lowest level first. */
export type TreeEdge = { readonly size: number; readonly levels: readonly (readonly Buffer[])[] };

export type FullTile = { coord: TileCoord; hashes: Buffer };

export function emptyEdge(): TreeEdge {
  return { size: 0, levels: [] };
}

/**
 * The edge after `leafHashes` (each 32 bytes, in leaf order) are appended, and every tile, at any level, that
 * those leaves filled, in the order they filled. `edge` itself is left as it was, so a failed store can retry.
 */
export function appendLeaves(edge: TreeEdge, leafHashes: Buffer[]): { edge: TreeEdge; fullTiles: FullTile[] } {
  const levels = edge.levels.map((hashes) => [...hashes]);
  const fullTiles: FullTile[] = [];
  let size = edge.size;
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`leaf ${size} is not a 32-byte hash`);
    let hash: Buffer = leaf;
    for (let level = 0; ; level++) {
      if (levels.length === level) levels.push([]);
      const tile = levels[level];
      tile.push(hash);
      if (tile.length < TILE_WIDTH) break;
      // A full tile: stored as is, and its root becomes the next hash of the level above.
      const hashes = Buffer.concat(tile, TILE_WIDTH * HASH_SIZE);
      const index = Math.floor(size / TILE_WIDTH ** (level + 1));
      fullTiles.push({ coord: { level, index, width: TILE_WIDTH }, hashes });
      levels[level] = [];
      hash = perfectRoot(hashes, 0, TILE_WIDTH);
    }
    size++;
  }
  return { edge: { size, levels: trimTop(levels) }, fullTiles };
}

/** Drops empty top levels, so the same tree always has the same edge. */
function trimTop(levels: Buffer[][]): Buffer[][] {
  while (levels.length > 0 && levels[levels.length - 1].length === 0) levels.pop();
  return levels;
}

/** The perfect subtrees a partial tile of `width` hashes splits into, left to right: [first, count]. */
function perfectRuns(width: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let first = 0, bit = TILE_WIDTH / 2; bit >= 1; bit /= 2) {
    if (width & bit) {
      runs.push([first, bit]);
      first += bit;
    }
  }
  return runs;
}

/**
 * The root hash of the tree the edge describes (RFC 9162 §2.1.1): the perfect subtrees of the partial tiles,
 * top level first and left to right within a tile, folded from the right.
 */
export function edgeRootHash(edge: TreeEdge): Buffer {
  const subtrees: Buffer[] = [];
  for (let level = edge.levels.length - 1; level >= 0; level--) {
    const hashes = edge.levels[level];
    if (hashes.length === 0) continue;
    const tile = Buffer.concat(hashes as Buffer[]);
    for (const [first, count] of perfectRuns(hashes.length)) subtrees.push(perfectRoot(tile, first, count));
  }
  if (subtrees.length === 0) return Buffer.from(EMPTY_TREE_HASH);
  let root = subtrees[subtrees.length - 1];
  for (let i = subtrees.length - 2; i >= 0; i--) root = nodeHash(subtrees[i], root);
  return root;
}

/** The hashes of the edge's partial tiles with their coordinates: what a checkpoint of this size serves. */
export function edgePartialTiles(edge: TreeEdge): FullTile[] {
  return partialTilesForSize(edge.size).map((coord) => ({
    coord,
    hashes: Buffer.concat(edge.levels[coord.level] as Buffer[]),
  }));
}

/** The edge of the tree of `size` leaves, rebuilt from that size's partial tiles, read in one call. */
export async function edgeFromTiles(size: number, reader: TileReader): Promise<TreeEdge> {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
  const coords = partialTilesForSize(size);
  const tiles = coords.length > 0 ? await reader.readTiles(coords) : [];
  const levels: Buffer[][] = [];
  coords.forEach((coord, n) => {
    const tile = tiles[n];
    if (!tile || tile.length !== coord.width * HASH_SIZE) {
      throw new Error(
        `tile ${coord.level}/${coord.index} came back with ${tile?.length ?? 0} bytes, not ${coord.width * HASH_SIZE}`,
      );
    }
    while (levels.length < coord.level) levels.push([]);
    levels[coord.level] = Array.from({ length: coord.width }, (_, i) =>
      Buffer.from(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)),
    );
  });
  return { size, levels: trimTop(levels) };
}
