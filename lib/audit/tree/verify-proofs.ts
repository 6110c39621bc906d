/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) write it, and the
 * tree hash by its recursive definition (§2.1.1). Deliberately independent of the tile code (it imports only
 * SHA-256): this is what a customer's verifier does, and it must not inherit a bug of the side that proves.
 */
import { hash } from "node:crypto";

const HASH_SIZE = 32;

const sha256 = (...parts: Uint8Array[]) => hash("sha256", Buffer.concat(parts), "buffer");
const node = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(0x01), left, right);
const isHash = (bytes: unknown) => bytes instanceof Uint8Array && bytes.length === HASH_SIZE;
const isHashList = (list: unknown): list is Uint8Array[] => Array.isArray(list) && list.every(isHash);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const isSize = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

// fn and sn go up to 2^53: halve them with arithmetic, not 32-bit shifts.
const lsb = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** MTH(D[0:n]) of leaf hashes by the recursive definition: k is the largest power of two smaller than n. */
export function rootFromLeaves(leafHashes: Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return sha256();
  if (leafHashes.length === 1) return Buffer.from(leafHashes[0]);
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return node(rootFromLeaves(leafHashes.slice(0, k)), rootFromLeaves(leafHashes.slice(k)));
}

export type InclusionClaim = {
  leafHash: Uint8Array;
  index: number;
  size: number;
  proof: Uint8Array[];
  rootHash: Uint8Array;
};

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` with `leafHash` in the tree of `size` with `rootHash`? */
export function verifyInclusion({ leafHash, index, size, proof, rootHash }: InclusionClaim): boolean {
  if (!isSize(index) || !isSize(size) || !isHash(leafHash) || !isHash(rootHash) || !isHashList(proof)) return false;
  if (index >= size) return false; // step 1
  let [fn, sn] = [index, size - 1]; // step 2
  let r: Uint8Array = leafHash; // step 3
  for (const p of proof) {
    // step 4
    if (sn === 0) return false; // a
    if (lsb(fn) || fn === sn) {
      // b
      r = node(p, r);
      while (!lsb(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = node(r, p);
    }
    [fn, sn] = [half(fn), half(sn)]; // c
  }
  return sn === 0 && same(r, rootHash); // step 5
}

export type ConsistencyClaim = {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: Uint8Array[];
};

/**
 * RFC 9162 §2.1.4.2: does `proof` show the tree of `oldSize` with `oldRoot` is a prefix of the tree of `newSize`
 * with `newRoot`? The RFC covers 0 < oldSize < newSize; the two cases it leaves out take an empty proof: equal
 * sizes need equal roots, and the empty tree (root SHA-256 of "") is a prefix of every tree.
 */
export function verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof }: ConsistencyClaim): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || !isHash(oldRoot) || !isHash(newRoot) || !isHashList(proof)) {
    return false;
  }
  if (oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && same(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && same(oldRoot, sha256());
  if (proof.length === 0) return false; // step 1
  const path = [...proof];
  if (isPowerOfTwo(oldSize)) path.unshift(oldRoot); // step 2
  let [fn, sn] = [oldSize - 1, newSize - 1]; // step 3
  while (lsb(fn)) [fn, sn] = [half(fn), half(sn)]; // step 4
  let [fr, sr] = [path[0], path[0]]; // step 5
  for (const c of path.slice(1)) {
    // step 6
    if (sn === 0) return false; // a
    if (lsb(fn) || fn === sn) {
      // b
      [fr, sr] = [node(c, fr), node(c, sr)];
      while (!lsb(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = node(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)]; // c
  }
  return same(fr, oldRoot) && same(sr, newRoot) && sn === 0; // step 7
}
