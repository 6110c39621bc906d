/**
 * Reading tree nodes out of tiles. A proof or a root needs the hashes of some complete subtrees ("nodes": level
 * ℓ, index k = the subtree over leaves [k·2^ℓ, (k+1)·2^ℓ)); each lies in one tile: the one at tile level ⌊ℓ/8⌋
 * holding its 2^(ℓ mod 8) hashes of tree level 8·⌊ℓ/8⌋, which fold into it. All the tiles a computation needs
 * are read in one call, at the width they have in the tree being proved, so partial tiles of that size serve.
 */
import { HASH_SIZE, nodeHash } from "./merkle-hash";
import { TILE_HEIGHT, TILE_WIDTH, tileWidthAt, type TileCoord, type TileReader } from "./tiles";

export type TreeNode = { level: number; index: number };

/** A range of leaves [lo, hi) whose Merkle tree hash (MTH) a proof or root needs. */
export type LeafRange = { lo: number; hi: number };

/** The largest power of two ≤ n (n ≥ 1). */
export function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/**
 * The complete subtrees that make up [lo, hi), left to right: the largest power of two that fits, then the
 * rest, as RFC 9162's MTH splits a range. `lo` is always a multiple of the first subtree's size here.
 */
export function nodesOfRange({ lo, hi }: LeafRange): TreeNode[] {
  const nodes: TreeNode[] = [];
  while (lo < hi) {
    let [width, level] = [1, 0];
    while (width * 2 <= hi - lo) [width, level] = [width * 2, level + 1];
    if (lo % width !== 0) throw new Error(`range [${lo}, ${hi}) does not split into aligned subtrees`);
    nodes.push({ level, index: lo / width });
    lo += width;
  }
  return nodes;
}

/** MTH of a range from the hashes of its nodes (nodesOfRange order): folded from the right. */
export function foldRange(hashes: Buffer[]): Buffer {
  let root = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i], root);
  return root;
}

type Placement = { coord: TileCoord; first: number; count: number };

/** The tile (at its width in a tree of `size` leaves) holding a node, and which of its hashes fold into it. */
function placeNode({ level, index }: TreeNode, size: number): Placement {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const start = index * count; // its first hash at tree level 8·tileLevel
  const tileIndex = Math.floor(start / TILE_WIDTH);
  const width = tileWidthAt(size, tileLevel, tileIndex);
  const first = start % TILE_WIDTH;
  if (first + count > width) throw new Error(`node ${level}/${index} is not complete in a tree of ${size}`);
  return { coord: { level: tileLevel, index: tileIndex, width }, first, count };
}

/**
 * The subtree roots folded out of each tile a reader handed back, while that Buffer lives: a reader that hands
 * back the same Buffer again (an in-memory store, a cache) then folds each of a tile's 255 inner nodes once,
 * however many proofs pass through it; one that reads afresh each time loses nothing.
 */
const foldsOfTile = new WeakMap<Buffer, Map<number, Buffer>>();

function foldTile(tile: Buffer, first: number, count: number, folds: Map<number, Buffer>): Buffer {
  if (count === 1) return tile.subarray(first * HASH_SIZE, (first + 1) * HASH_SIZE);
  const key = first * 2 * TILE_WIDTH + count;
  let root = folds.get(key);
  if (!root) {
    const half = count / 2;
    root = nodeHash(foldTile(tile, first, half, folds), foldTile(tile, first + half, half, folds));
    folds.set(key, root);
  }
  return root;
}

function subtreeOfTile(tile: Buffer, first: number, count: number): Buffer {
  let folds = foldsOfTile.get(tile);
  if (!folds) foldsOfTile.set(tile, (folds = new Map()));
  return Buffer.from(foldTile(tile, first, count, folds)); // a copy: callers own what they get
}

const tileKey = ({ level, index, width }: TileCoord) => `${level}/${index}/${width}`;

/** The hashes of `nodes` in a tree of `size` leaves, reading every tile they need in one readTiles call. */
export async function readNodes(nodes: TreeNode[], size: number, reader: TileReader): Promise<Buffer[]> {
  if (nodes.length === 0) return [];
  const placements = nodes.map((node) => placeNode(node, size));
  const coords = new Map<string, TileCoord>();
  for (const { coord } of placements) coords.set(tileKey(coord), coord);
  const wanted = [...coords.values()];
  const tiles = await reader.readTiles(wanted);
  const byKey = new Map<string, Buffer>();
  wanted.forEach((coord, n) => {
    const tile = tiles[n];
    if (!tile || tile.length !== coord.width * HASH_SIZE) {
      throw new Error(
        `tile ${coord.level}/${coord.index} came back with ${tile?.length ?? 0} bytes, not ${coord.width * HASH_SIZE}`,
      );
    }
    byKey.set(tileKey(coord), tile);
  });
  return placements.map(({ coord, first, count }) => subtreeOfTile(byKey.get(tileKey(coord))!, first, count));
}

/** MTH of each range, reading all the tiles they need at once. */
export async function readRangeHashes(ranges: LeafRange[], size: number, reader: TileReader): Promise<Buffer[]> {
  const nodesPerRange = ranges.map(nodesOfRange);
  const hashes = await readNodes(nodesPerRange.flat(), size, reader);
  let at = 0;
  return nodesPerRange.map((nodes) => foldRange(hashes.slice(at, (at += nodes.length))));
}
