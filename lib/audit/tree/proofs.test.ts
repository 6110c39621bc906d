import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMPTY_TREE_HASH, leafHash } from "./merkle-hash";
import { MemoryTiles } from "./memory-tiles";
import {
  consistencyProof,
  inclusionProof,
  rootFromLeaves,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from "./proofs";
import type { TileCoord, TileReader } from "./tiles";

const sha256 = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString("hex"));
const unhex = (hashes: string[]) => hashes.map((hash) => Buffer.from(hash, "hex"));

function leaves(count: number): Buffer[] {
  return Array.from({ length: count }, (_, n) => leafHash(sha256(Buffer.from(`entry ${n}`))));
}

/** A seeded generator (mulberry32), so a failing sample can be replayed. */
function random(seed: number): (below: number) => number {
  return (below) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** Counts readTiles calls and the tiles asked for. */
function counting(reader: TileReader) {
  const calls: TileCoord[][] = [];
  return { calls, readTiles: (coords: TileCoord[]) => (calls.push(coords), reader.readTiles(coords)) };
}

/** Hands back a fresh copy of every tile, as a database does: nothing folded from an earlier read is reused. */
function fresh(reader: TileReader): TileReader {
  return { readTiles: async (coords) => (await reader.readTiles(coords)).map((tile) => Buffer.from(tile)) };
}

/**
 * The naive tree: MTH(D[lo:hi]), PATH and PROOF straight from RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 over the
 * leaves (memoized, so every proof of a few hundred sizes stays quick).
 */
function naiveTree(leafHashes: Buffer[]) {
  const memo = new Map<string, Buffer>();
  const split = (n: number) => {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  };
  const mth = (lo: number, hi: number): Buffer => {
    const key = `${lo}:${hi}`;
    if (!memo.has(key)) {
      const k = split(hi - lo);
      memo.set(key, hi - lo === 1 ? leafHashes[lo] : sha256(Buffer.of(1), mth(lo, lo + k), mth(lo + k, hi)));
    }
    return memo.get(key)!;
  };
  const path = (m: number, lo: number, hi: number): Buffer[] => {
    if (hi - lo <= 1) return [];
    const k = split(hi - lo);
    return m < k ? [...path(m, lo, lo + k), mth(lo + k, hi)] : [...path(m - k, lo + k, hi), mth(lo, lo + k)];
  };
  const subproof = (m: number, lo: number, hi: number, whole: boolean): Buffer[] => {
    if (m === hi - lo) return whole ? [] : [mth(lo, hi)];
    const k = split(hi - lo);
    return m <= k
      ? [...subproof(m, lo, lo + k, whole), mth(lo + k, hi)]
      : [...subproof(m - k, lo + k, hi, false), mth(lo, lo + k)];
  };
  return {
    root: (size: number) => (size === 0 ? EMPTY_TREE_HASH : mth(0, size)),
    inclusion: (index: number, size: number) => path(index, 0, size),
    consistency: (oldSize: number, newSize: number) => subproof(oldSize, 0, newSize, true),
  };
}

/**
 * Test vectors from transparency-dev/merkle, proof/verify_test.go (the RFC 6962 vectors of the Certificate
 * Transparency reference implementation): eight leaves of raw data, the roots of the trees of sizes 1 to 8,
 * and inclusion (leaf numbered from 1) and consistency proofs between them.
 */
const vectors = {
  leafData: ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"],
  roots: [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  ],
  inclusion: [
    { leaf: 1, size: 1, proof: [] },
    {
      leaf: 1,
      size: 8,
      proof: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ],
    },
    {
      leaf: 6,
      size: 8,
      proof: [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ],
    },
    { leaf: 3, size: 3, proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
    {
      leaf: 2,
      size: 5,
      proof: [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      ],
    },
  ],
  consistency: [
    { size1: 1, size2: 1, proof: [] },
    {
      size1: 1,
      size2: 8,
      proof: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ],
    },
    {
      size1: 6,
      size2: 8,
      proof: [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ],
    },
    {
      size1: 2,
      size2: 5,
      proof: [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      ],
    },
    {
      size1: 6,
      size2: 7,
      proof: [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ],
    },
  ],
};

describe("published test vectors (RFC 6962 / transparency-dev)", () => {
  // Their leaves are arbitrary bytes, not our 32-byte chain hashes: hash them as RFC 9162 does.
  const leafHashes = vectors.leafData.map((data) => sha256(Buffer.of(0), Buffer.from(data, "hex")));
  const tiles = fresh(MemoryTiles.fromLeafHashes(leafHashes));

  it("gives the published roots", async () => {
    for (let size = 1; size <= 8; size++) {
      expect(rootFromLeaves(leafHashes.slice(0, size)).toString("hex")).toBe(vectors.roots[size - 1]);
      expect((await treeHash(size, tiles)).toString("hex")).toBe(vectors.roots[size - 1]);
    }
    expect(await treeHash(0, tiles)).toEqual(EMPTY_TREE_HASH);
    expect(rootFromLeaves([])).toEqual(EMPTY_TREE_HASH);
  });

  it("gives and accepts the published inclusion proofs", async () => {
    for (const { leaf, size, proof } of vectors.inclusion) {
      expect(hex(await inclusionProof(leaf - 1, size, tiles))).toEqual(proof);
      const claim = { leafHash: leafHashes[leaf - 1], index: leaf - 1, size, proof: unhex(proof) };
      expect(verifyInclusion({ ...claim, rootHash: Buffer.from(vectors.roots[size - 1], "hex") })).toBe(true);
    }
  });

  it("gives and accepts the published consistency proofs", async () => {
    for (const { size1, size2, proof } of vectors.consistency) {
      expect(hex(await consistencyProof(size1, size2, tiles))).toEqual(proof);
      const [oldRoot, newRoot] = [vectors.roots[size1 - 1], vectors.roots[size2 - 1]].map((h) => Buffer.from(h, "hex"));
      expect(verifyConsistency({ oldSize: size1, newSize: size2, oldRoot, newRoot, proof: unhex(proof) })).toBe(true);
    }
  });
});

describe("proofs from tiles against the naive tree", () => {
  const leafHashes = leaves(300);
  const tiles = MemoryTiles.fromLeafHashes(leafHashes);
  const naive = naiveTree(leafHashes);
  const roots = Array.from({ length: 301 }, (_, size) => rootFromLeaves(leafHashes.slice(0, size)));

  it("has the RFC's root for every size up to 300", async () => {
    for (let size = 0; size <= 300; size++) {
      expect(naive.root(size)).toEqual(roots[size]);
      expect(await treeHash(size, tiles), `size ${size}`).toEqual(roots[size]);
    }
  });

  // 45,150 proofs of up to 255 hashes each: in bands, each with room for a busy machine, and one expect per band.
  const bands = [
    [1, 150],
    [151, 220],
    [221, 265],
    [266, 300],
  ];
  it.each(bands)(
    "proves every entry in every tree of %i to %i entries, each proof read in one call",
    async (from, to) => {
      const wrong: string[] = [];
      for (let size = from; size <= to; size++) {
        for (let index = 0; index < size; index++) {
          const reader = counting(tiles);
          const proof = await inclusionProof(index, size, reader);
          const same = hex(proof).join() === hex(naive.inclusion(index, size)).join();
          const claim = { leafHash: leafHashes[index], index, size, proof, rootHash: roots[size] };
          if (!same || !verifyInclusion(claim) || reader.calls.length > 1) wrong.push(`${index} in ${size}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    300_000,
  );

  it("proves every pair of sizes up to 130 consistent, and a random sample up to 300", async () => {
    const next = random(9162);
    const pairs: [number, number][] = [];
    for (let newSize = 0; newSize <= 130; newSize++) {
      for (let oldSize = 0; oldSize <= newSize; oldSize++) pairs.push([oldSize, newSize]);
    }
    for (let n = 0; n < 3000; n++) {
      const newSize = 1 + next(300);
      pairs.push([next(newSize + 1), newSize]);
    }
    const wrong: string[] = [];
    for (const [oldSize, newSize] of pairs) {
      const reader = counting(tiles);
      const proof = await consistencyProof(oldSize, newSize, reader);
      const expected = oldSize === 0 || oldSize === newSize ? [] : naive.consistency(oldSize, newSize);
      const claim = { oldSize, newSize, oldRoot: roots[oldSize], newRoot: roots[newSize], proof };
      const same = hex(proof).join() === hex(expected).join();
      if (!same || !verifyConsistency(claim) || reader.calls.length > 1) wrong.push(`${oldSize} → ${newSize}`);
    }
    expect(wrong).toEqual([]);
    expect(pairs.length).toBeGreaterThan(11_000);
  }, 300_000);
});

describe("proofs across tile levels", () => {
  const leafHashes = leaves(140_000);
  const tiles = fresh(MemoryTiles.fromLeafHashes(leafHashes));
  const sizes = [65_535, 65_536, 65_537, 70_000, 131_072, 131_073, 140_000];

  it("roots, inclusion and consistency hold at sizes past the second and third tile levels", async () => {
    const next = random(6962);
    const roots = new Map<number, Buffer>();
    for (const size of sizes) {
      const root = await treeHash(size, tiles);
      expect(root, `size ${size}`).toEqual(MemoryTiles.fromLeafHashes(leafHashes.slice(0, size)).rootHash());
      roots.set(size, root);
    }
    expect(roots.get(140_000)).toEqual(rootFromLeaves(leafHashes));
    for (const size of sizes) {
      for (const index of [0, 255, 256, 65_535, size - 1, next(size), next(size)].filter((i) => i < size)) {
        const proof = await inclusionProof(index, size, tiles);
        const claim = { leafHash: leafHashes[index], index, size, proof, rootHash: roots.get(size)! };
        expect(verifyInclusion(claim), `${index} in ${size}`).toBe(true);
      }
      for (const oldSize of sizes.filter((old) => old <= size)) {
        const proof = await consistencyProof(oldSize, size, tiles);
        const claim = { oldSize, newSize: size, oldRoot: roots.get(oldSize)!, newRoot: roots.get(size)!, proof };
        expect(verifyConsistency(claim), `${oldSize} → ${size}`).toBe(true);
      }
    }
  });

  it("reads only a few tiles, in one call, for a proof in a large tree", async () => {
    const reader = counting(tiles);
    await inclusionProof(12_345, 140_000, reader);
    await consistencyProof(70_001, 140_000, reader);
    expect(reader.calls).toHaveLength(2);
    for (const coords of reader.calls) expect(coords.length).toBeLessThanOrEqual(6);
  });
});

describe("bad proofs fail", () => {
  const leafHashes = leaves(300);
  const tiles = fresh(MemoryTiles.fromLeafHashes(leafHashes));
  const flip = (proof: Buffer[], at: number) =>
    proof.map((hash, n) => (n === at ? Buffer.from(hash.map((byte, i) => (i === 31 ? byte ^ 1 : byte))) : hash));

  // The probes of transparency-dev/merkle's corruptInclusionProof and corruptConsistencyProof, and a few more. Not
  // "size + 1": a proof can hold for two sizes whose trees have the same shape on the leaf's path (5 in 7 and 8).
  it("refuses a tampered inclusion proof", async () => {
    for (const [index, size] of [
      [0, 2],
      [5, 7],
      [100, 300],
      [255, 256],
      [299, 300],
    ]) {
      const proof = await inclusionProof(index, size, tiles);
      const rootHash = await treeHash(size, tiles);
      const good = { leafHash: leafHashes[index], index, size, proof, rootHash };
      expect(verifyInclusion(good)).toBe(true);
      const bad = [
        { ...good, proof: proof.slice(0, -1) },
        { ...good, proof: [...proof, proof[0]] },
        { ...good, proof: [rootHash, ...proof] },
        ...proof.map((_, at) => ({ ...good, proof: flip(proof, at) })),
        { ...good, proof: [proof[0].subarray(0, 31), ...proof.slice(1)] },
        { ...good, size: size * 2 },
        { ...good, size: Math.floor(size / 2) },
        { ...good, index: index + 1 },
        { ...good, index: index ^ 2 },
        { ...good, index: -1 },
        { ...good, index: size },
        { ...good, leafHash: leafHashes[index + 1] },
        { ...good, rootHash: EMPTY_TREE_HASH },
        { ...good, rootHash: rootHash.subarray(1) },
      ];
      bad.forEach((claim, n) => expect(verifyInclusion(claim), `probe ${n} of ${index} in ${size}`).toBe(false));
    }
  });

  it("refuses a tampered consistency proof", async () => {
    for (const [oldSize, newSize] of [
      [1, 2],
      [3, 7],
      [4, 300],
      [6, 8],
      [100, 300],
      [256, 257],
    ]) {
      const proof = await consistencyProof(oldSize, newSize, tiles);
      const [oldRoot, newRoot] = [await treeHash(oldSize, tiles), await treeHash(newSize, tiles)];
      const good = { oldSize, newSize, oldRoot, newRoot, proof };
      expect(verifyConsistency(good)).toBe(true);
      const bad = [
        { ...good, proof: [] },
        { ...good, proof: proof.slice(0, -1) },
        { ...good, proof: [...proof, oldRoot] },
        { ...good, proof: [oldRoot, ...proof] },
        { ...good, proof: [proof[0], ...proof] },
        ...proof.map((_, at) => ({ ...good, proof: flip(proof, at) })),
        { ...good, oldSize: oldSize - 1 },
        { ...good, oldSize: oldSize + 1 },
        { ...good, oldSize: oldSize ^ 2 },
        { ...good, newSize: newSize * 2 },
        { ...good, newSize: Math.floor(newSize / 2) },
        { ...good, oldRoot: newRoot, newRoot: oldRoot },
        { ...good, oldRoot: EMPTY_TREE_HASH },
        { ...good, newRoot: EMPTY_TREE_HASH },
      ];
      bad.forEach((claim, n) => expect(verifyConsistency(claim), `probe ${n} of ${oldSize} → ${newSize}`).toBe(false));
    }
  });

  it("holds the edge cases the RFC leaves out to the strictest reading", async () => {
    const root = await treeHash(5, tiles);
    expect(verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: EMPTY_TREE_HASH, newRoot: root, proof: [] })).toBe(
      true,
    );
    expect(verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: root, newRoot: root, proof: [] })).toBe(false);
    expect(verifyConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [] })).toBe(true);
    expect(verifyConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [root] })).toBe(false);
    expect(verifyConsistency({ oldSize: 6, newSize: 5, oldRoot: root, newRoot: root, proof: [] })).toBe(false);
    expect(verifyInclusion({ leafHash: root, index: 0, size: 0, proof: [], rootHash: root })).toBe(false);
    const notAList = "not a list" as unknown as Buffer[];
    expect(verifyInclusion({ leafHash: root, index: 0, size: 1, proof: notAList, rootHash: root })).toBe(false);
    expect(verifyConsistency({ oldSize: 1, newSize: 2, oldRoot: root, newRoot: root, proof: notAList })).toBe(false);
    expect(verifyInclusion({ leafHash: leafHashes[0], index: 0, size: 1, proof: [], rootHash: leafHashes[0] })).toBe(
      true,
    );
  });

  it("refuses to prove what is not in the tree", async () => {
    await expect(inclusionProof(5, 5, tiles)).rejects.toThrow(RangeError);
    await expect(inclusionProof(-1, 5, tiles)).rejects.toThrow(RangeError);
    await expect(consistencyProof(6, 5, tiles)).rejects.toThrow(RangeError);
    await expect(treeHash(1.5, tiles)).rejects.toThrow(RangeError);
    await expect(treeHash(301, tiles)).rejects.toThrow(/no tile/);
  });
});
