/**
 * Roots and proofs of an organization's Merkle tree, read from its tiles (RFC 9162 §2.1.1, §2.1.3.1, §2.1.4.1):
 * each function works out which subtree hashes it needs, reads their tiles in one call, and folds. The
 * verifiers (verify-proofs.ts) are re-exported here but share no code with this side, like a customer's.
 */
import { EMPTY_TREE_HASH } from "./merkle-hash";
import { largestPowerOfTwoAtMost, readRangeHashes, type LeafRange } from "./tile-hashes";
import type { TileReader } from "./tiles";

export { rootFromLeaves, verifyConsistency, verifyInclusion } from "./verify-proofs";

function checkSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad ${what} ${size}`);
}

/** MTH(D[0:size]), the root hash of the tree of `size` leaves. */
export async function treeHash(size: number, reader: TileReader): Promise<Buffer> {
  checkSize(size, "tree size");
  if (size === 0) return Buffer.from(EMPTY_TREE_HASH);
  const [root] = await readRangeHashes([{ lo: 0, hi: size }], size, reader);
  return root;
}

/**
 * The ranges whose MTH make up PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), from the leaf's sibling up: at each
 * split the proof keeps the side the leaf is not on.
 */
function inclusionRanges(index: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let [lo, hi] = [0, size];
  while (hi - lo > 1) {
    const k = largestPowerOfTwoAtMost(hi - lo - 1);
    if (index < lo + k) {
      ranges.push({ lo: lo + k, hi });
      hi = lo + k;
    } else {
      ranges.push({ lo, hi: lo + k });
      lo += k;
    }
  }
  return ranges.reverse();
}

/** The inclusion proof (audit path) of leaf `index` in the tree of `size` leaves. */
export async function inclusionProof(index: number, size: number, reader: TileReader): Promise<Buffer[]> {
  checkSize(size, "tree size");
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  }
  return readRangeHashes(inclusionRanges(index, size), size, reader);
}

/**
 * The ranges whose MTH make up PROOF(oldSize, D[0:newSize]) = SUBPROOF(oldSize, D[0:newSize], true) (RFC 9162
 * §2.1.4.1), deepest first: each split keeps the side the old tree's edge does not run through, and the walk
 * ends at the subtree the old tree shares, which is only sent when the old root alone cannot stand for it.
 */
function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let [lo, hi, m, wholeOldTree] = [0, newSize, oldSize, true];
  while (m !== hi - lo) {
    const k = largestPowerOfTwoAtMost(hi - lo - 1);
    if (m <= k) {
      ranges.push({ lo: lo + k, hi });
      hi = lo + k;
    } else {
      ranges.push({ lo, hi: lo + k });
      [lo, m, wholeOldTree] = [lo + k, m - k, false];
    }
  }
  if (!wholeOldTree) ranges.push({ lo, hi });
  return ranges.reverse();
}

/** The consistency proof from the tree of `oldSize` leaves to the tree of `newSize` leaves (empty when equal or 0). */
export async function consistencyProof(oldSize: number, newSize: number, reader: TileReader): Promise<Buffer[]> {
  checkSize(oldSize, "old size");
  checkSize(newSize, "new size");
  if (oldSize > newSize) throw new RangeError(`the old size ${oldSize} is larger than the new size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  return readRangeHashes(consistencyRanges(oldSize, newSize), newSize, reader);
}
