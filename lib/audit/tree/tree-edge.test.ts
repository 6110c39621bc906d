import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMPTY_TREE_HASH, leafHash, perfectRoot } from "./merkle-hash";
import { MemoryTiles } from "./memory-tiles";
import { appendLeaves, edgeFromTiles, edgePartialTiles, edgeRootHash, emptyEdge, type FullTile } from "./tree-edge";
import { partialTilesForSize, tilePath } from "./tiles";
import { rootFromLeaves } from "./verify-proofs";

/** Leaf hashes of entries whose chain hashes are SHA-256("entry <n>"). */
function leaves(count: number, from = 0): Buffer[] {
  return Array.from({ length: count }, (_, n) =>
    leafHash(
      createHash("sha256")
        .update(`entry ${from + n}`)
        .digest(),
    ),
  );
}

/** A seeded generator (mulberry32), so a failing batch pattern can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const paths = (tiles: FullTile[]) => tiles.map(({ coord }) => tilePath(coord));
/** Each tile as "path sha256(hashes)": vitest compares big buffers byte by byte, slowly. */
const digests = (tiles: FullTile[]) =>
  tiles.map(({ coord, hashes }) => `${tilePath(coord)} ${createHash("sha256").update(hashes).digest("hex")}`);

describe("the tree's right edge", () => {
  const many = leaves(70_000);

  it("has the root of the tree by the RFC's recursive definition, for every size up to 600", () => {
    let edge = emptyEdge();
    expect(edgeRootHash(edge)).toEqual(EMPTY_TREE_HASH);
    for (let size = 1; size <= 600; size++) {
      edge = appendLeaves(edge, [many[size - 1]]).edge;
      expect(edge.size).toBe(size);
      expect(edgeRootHash(edge), `size ${size}`).toEqual(rootFromLeaves(many.slice(0, size)));
    }
  });

  it("has the right root past the second and third tile levels", () => {
    for (const size of [65_535, 65_536, 65_537, 70_000]) {
      const { edge } = appendLeaves(emptyEdge(), many.slice(0, size));
      expect(edgeRootHash(edge), `size ${size}`).toEqual(rootFromLeaves(many.slice(0, size)));
    }
  });

  it("hands back exactly the tiles that filled, with their hashes, whatever the batches", () => {
    const whole = appendLeaves(emptyEdge(), many);
    expect(whole.fullTiles).toHaveLength(273 + 1);
    expect(whole.fullTiles[0].hashes).toEqual(Buffer.concat(many.slice(0, 256)));
    const levelOne = whole.fullTiles.find(({ coord }) => coord.level === 1)!;
    expect(levelOne.coord).toEqual({ level: 1, index: 0, width: 256 });
    expect(levelOne.hashes.subarray(32, 64)).toEqual(perfectRoot(Buffer.concat(many.slice(256, 512)), 0, 256));
    const next = random(17);
    for (let round = 0; round < 3; round++) {
      let edge = emptyEdge();
      const fullTiles: FullTile[] = [];
      for (let at = 0; at < many.length;) {
        const batch = many.slice(at, (at += Math.floor(next() * (round === 0 ? 40 : 3000))));
        const appended = appendLeaves(edge, batch);
        fullTiles.push(...appended.fullTiles);
        edge = appended.edge;
      }
      expect(edge).toEqual(whole.edge);
      expect(digests(fullTiles)).toEqual(digests(whole.fullTiles));
    }
  });

  it("leaves the edge it was given as it was, so a failed store can retry", () => {
    const { edge } = appendLeaves(emptyEdge(), many.slice(0, 300));
    const before = JSON.stringify(edge);
    appendLeaves(edge, many.slice(300, 600));
    expect(JSON.stringify(edge)).toBe(before);
  });

  it("refuses a leaf that is not a 32-byte hash", () => {
    expect(() => appendLeaves(emptyEdge(), [many[0], Buffer.alloc(31)])).toThrow(/leaf 1/);
  });

  it("is rebuilt from the partial tiles of its size, read in one call", async () => {
    const tiles = MemoryTiles.fromLeafHashes(many);
    for (const size of [0, 1, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537, 69_999, 70_000]) {
      const calls: number[] = [];
      const reader = {
        readTiles: (coords: Parameters<typeof tiles.readTiles>[0]) => (
          calls.push(coords.length),
          tiles.readTiles(coords)
        ),
      };
      const rebuilt = await edgeFromTiles(size, reader);
      const { edge } = appendLeaves(emptyEdge(), many.slice(0, size));
      expect(rebuilt, `size ${size}`).toEqual(edge);
      expect(calls).toEqual(size === 0 ? [] : [partialTilesForSize(size).length]);
      // and it goes on growing like the edge it stands for
      const more = many.slice(size, size + 300);
      const [grown, expected] = [appendLeaves(rebuilt, more), appendLeaves(edge, more)];
      expect(grown.edge).toEqual(expected.edge);
      expect(digests(grown.fullTiles)).toEqual(digests(expected.fullTiles));
    }
  });

  it("names its partial tiles with their hashes, for the checkpoint of its size", () => {
    const { edge } = appendLeaves(emptyEdge(), many);
    const partial = edgePartialTiles(edge);
    expect(paths(partial)).toEqual(["tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1"]);
    expect(partial[0].hashes).toEqual(Buffer.concat(many.slice(273 * 256)));
  });

  it("keeps every leaf hash in memory tiles, full or at the edge", () => {
    const tiles = MemoryTiles.fromLeafHashes(many.slice(0, 700));
    for (const index of [0, 1, 255, 256, 511, 512, 699]) expect(tiles.leafHash(index)).toEqual(many[index]);
    expect(() => tiles.leafHash(700)).toThrow(RangeError);
  });

  it("refuses tiles of the wrong length when rebuilding", async () => {
    const reader = { readTiles: async () => [Buffer.alloc(32 * 6)] };
    await expect(edgeFromTiles(7, reader)).rejects.toThrow(/not 224/);
  });
});
