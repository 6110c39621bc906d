/**
 * The two hashes of an organization's Merkle tree (RFC 9162 §2.1.1, the same as RFC 6962 §2.1): a leaf is
 * SHA-256(0x00 ‖ leaf data), an interior node SHA-256(0x01 ‖ left ‖ right). The prefixes keep a leaf from ever
 * passing for a node (second-preimage attacks). Our leaf data is an audit entry's 32-byte chain `hash`.
 */
import { hash } from "node:crypto";

export const HASH_SIZE = 32;

/** The root of the tree of size 0: SHA-256 of the empty string. */
export const EMPTY_TREE_HASH: Buffer = hash("sha256", Buffer.alloc(0), "buffer");

// One scratch buffer per prefix: crypto.hash copies its input, so reusing them is safe and saves an
// allocation per hash on the integrator's hot path.
const leafInput = Buffer.alloc(1 + HASH_SIZE);
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

function expectHash(bytes: Uint8Array, what: string): void {
  if (bytes.length !== HASH_SIZE) throw new RangeError(`${what} must be ${HASH_SIZE} bytes, not ${bytes.length}`);
}

/** SHA-256(0x00 ‖ chainHash): the leaf hash of an entry, from its 32-byte chain hash. */
export function leafHash(chainHash: Uint8Array): Buffer {
  expectHash(chainHash, "a chain hash");
  leafInput.set(chainHash, 1);
  return hash("sha256", leafInput, "buffer");
}

/** SHA-256(0x01 ‖ left ‖ right): an interior node over two 32-byte child hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  expectHash(left, "a left child hash");
  expectHash(right, "a right child hash");
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash("sha256", nodeInput, "buffer");
}

/**
 * The root of the perfect subtree over `count` (a power of two) consecutive 32-byte hashes in `hashes` from
 * hash number `first`: how a tile's hashes fold into the hash one level of tiles up.
 */
export function perfectRoot(hashes: Uint8Array, first: number, count: number): Buffer {
  if (!Number.isInteger(Math.log2(count))) throw new RangeError(`${count} hashes make no perfect subtree`);
  const level: Uint8Array[] = [];
  for (let i = 0; i < count; i++) level.push(hashes.subarray((first + i) * HASH_SIZE, (first + i + 1) * HASH_SIZE));
  for (let width = count; width > 1; width /= 2) {
    for (let i = 0; i < width / 2; i++) level[i] = nodeHash(level[2 * i], level[2 * i + 1]);
  }
  return Buffer.from(level[0]);
}
