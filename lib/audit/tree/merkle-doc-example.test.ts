import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { leafHash, nodeHash } from "./merkle-hash";
import { MemoryTiles } from "./memory-tiles";
import { consistencyProof, inclusionProof, treeHash, verifyConsistency, verifyInclusion } from "./proofs";
import { encodeEntryBundle, entryBundlePath, parseTilePath, partialTilesForSize, tilePath } from "./tiles";

/** docs/merkle-tree.md is the contract for independent verifiers: its worked example must hold. */
describe("the worked example of docs/merkle-tree.md", () => {
  const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "merkle-tree.md"), "utf8");
  const values = new Map<string, string>();
  for (const [, block] of doc.matchAll(/```text\n([\s\S]*?)```/g)) {
    for (const [, name, value] of block.matchAll(/^(\S+(?:, \d+\)\S*)?) = (.+)$/gm)) values.set(name, value);
  }
  const value = (name: string) => {
    expect(values.has(name), `${name} in the doc`).toBe(true);
    return values.get(name)!;
  };
  /** `name[0] = …`, `name[1] = …`, … as a list. */
  const hashes = (name: string) => [...values.keys()].filter((key) => key.startsWith(`${name}[`)).map(value);
  const hex = (list: Buffer[]) => list.map((hash) => hash.toString("hex"));

  const chain = Array.from({ length: 7 }, (_, n) =>
    createHash("sha256")
      .update(`verity example entry ${n + 1}`)
      .digest(),
  );
  const leaves = chain.map(leafHash);
  const tiles = MemoryTiles.fromLeafHashes(leaves);

  it("lists the chain hashes and leaf hashes it says", () => {
    expect(values.size).toBeGreaterThanOrEqual(7 + 7 + 7 + 4);
    chain.forEach((hash, n) => expect(value(`chain[${n}]`)).toBe(hash.toString("hex")));
    leaves.forEach((hash, n) => expect(value(`leaf[${n}]`)).toBe(hash.toString("hex")));
  });

  it("has the interior nodes and roots the code computes", async () => {
    const n01 = nodeHash(leaves[0], leaves[1]);
    const n23 = nodeHash(leaves[2], leaves[3]);
    const n45 = nodeHash(leaves[4], leaves[5]);
    expect(value("MTH(0:2)")).toBe(n01.toString("hex"));
    expect(value("MTH(2:4)")).toBe(n23.toString("hex"));
    expect(value("MTH(4:6)")).toBe(n45.toString("hex"));
    expect(value("MTH(0:4)")).toBe(nodeHash(n01, n23).toString("hex"));
    expect(value("MTH(4:7)")).toBe(nodeHash(n45, leaves[6]).toString("hex"));
    expect(value("root(7)")).toBe((await treeHash(7, tiles)).toString("hex"));
    expect(value("root(3)")).toBe((await treeHash(3, tiles)).toString("hex"));
  });

  it("has the proofs the code gives, and they verify", async () => {
    const [root3, root7] = [Buffer.from(value("root(3)"), "hex"), Buffer.from(value("root(7)"), "hex")];
    expect(hashes("inclusion(4, 7)")).toHaveLength(3);
    expect(hashes("inclusion(4, 7)")).toEqual(hex(await inclusionProof(4, 7, tiles)));
    expect(hashes("consistency(3, 7)")).toHaveLength(4);
    expect(hashes("consistency(3, 7)")).toEqual(hex(await consistencyProof(3, 7, tiles)));
    const inclusion = hashes("inclusion(4, 7)").map((hash) => Buffer.from(hash, "hex"));
    expect(verifyInclusion({ leafHash: leaves[4], index: 4, size: 7, proof: inclusion, rootHash: root7 })).toBe(true);
    const consistency = hashes("consistency(3, 7)").map((hash) => Buffer.from(hash, "hex"));
    const claim = { oldSize: 3, newSize: 7, oldRoot: root3, newRoot: root7, proof: consistency };
    expect(verifyConsistency(claim)).toBe(true);
  });

  it("names the tile and entry bundle of the tree as the code does", () => {
    const [tile] = partialTilesForSize(7);
    expect(value("tile(7)")).toBe(tilePath(tile));
    expect(parseTilePath(value("tile(7)"))).toEqual({ level: 0, index: 0, width: 7 });
    expect(value("bundle(7)")).toBe(entryBundlePath(0, 7));
    const bundle = encodeEntryBundle(chain);
    expect(bundle).toHaveLength(238);
    expect(value("bundle(7)[0]")).toBe(bundle.subarray(0, 34).toString("hex"));
    expect(value("bundle(7)[1]")).toBe(bundle.subarray(34, 68).toString("hex"));
    expect(doc).toContain("`tile/0/000.p/7`: the 224 bytes");
  });
});
