import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMPTY_TREE_HASH, leafHash, nodeHash, perfectRoot } from "./merkle-hash";

const sha256 = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
const bytes = (fill: number) => Buffer.alloc(32, fill);

describe("the tree's hashes (RFC 9162 §2.1.1)", () => {
  it("hashes the empty tree as SHA-256 of nothing", () => {
    expect(EMPTY_TREE_HASH.toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("prefixes a leaf's 32-byte chain hash with 0x00", () => {
    expect(leafHash(bytes(7))).toEqual(sha256(Buffer.of(0), bytes(7)));
    expect(leafHash(bytes(7))).not.toEqual(sha256(bytes(7)));
  });

  it("prefixes an interior node's two children with 0x01, left first", () => {
    expect(nodeHash(bytes(1), bytes(2))).toEqual(sha256(Buffer.of(1), bytes(1), bytes(2)));
    expect(nodeHash(bytes(1), bytes(2))).not.toEqual(nodeHash(bytes(2), bytes(1)));
  });

  it("gives a fresh buffer each time although it hashes from a shared scratch buffer", () => {
    const first = leafHash(bytes(1));
    const copy = Buffer.from(first);
    leafHash(bytes(2));
    expect(first).toEqual(copy);
  });

  it("refuses inputs that are not 32 bytes", () => {
    expect(() => leafHash(Buffer.alloc(31))).toThrow(RangeError);
    expect(() => leafHash(Buffer.alloc(33))).toThrow(RangeError);
    expect(() => nodeHash(bytes(1), Buffer.alloc(0))).toThrow(RangeError);
  });

  it("folds a power of two of consecutive hashes into their perfect subtree", () => {
    const hashes = [1, 2, 3, 4].map(bytes);
    const expected = nodeHash(nodeHash(hashes[0], hashes[1]), nodeHash(hashes[2], hashes[3]));
    expect(perfectRoot(Buffer.concat(hashes), 0, 4)).toEqual(expected);
    expect(perfectRoot(Buffer.concat([bytes(9), ...hashes]), 1, 4)).toEqual(expected);
    expect(perfectRoot(Buffer.concat(hashes), 2, 1)).toEqual(hashes[2]);
    expect(() => perfectRoot(Buffer.concat(hashes), 0, 3)).toThrow(RangeError);
  });
});
