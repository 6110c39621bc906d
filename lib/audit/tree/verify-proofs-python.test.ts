import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { leafHash } from "./merkle-hash";
import { MemoryTiles } from "./memory-tiles";
import { consistencyProof, inclusionProof, treeHash } from "./proofs";

/**
 * "Our own verifier must never be the only one that agrees": testdata/verify_proofs.py, written from
 * docs/merkle-tree.md alone, checks the proofs this code makes, and refuses tampered ones.
 */
const VERIFIER = join(__dirname, "testdata", "verify_proofs.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;

const b64 = (hash: Buffer) => hash.toString("base64");
type Claims = { inclusion: Record<string, unknown>[]; consistency: Record<string, unknown>[] };

function runVerifier(claims: Claims): { status: number | null; lines: string[] } {
  const run = spawnSync("python3", [VERIFIER], { input: JSON.stringify(claims), encoding: "utf8" });
  expect(run.stderr).toBe("");
  return { status: run.status, lines: run.stdout.trim().split("\n") };
}

describe.skipIf(!hasPython)("an independent verifier in Python", () => {
  const chain = Array.from({ length: 70_000 }, (_, n) => createHash("sha256").update(`entry ${n}`).digest());
  const tiles = MemoryTiles.fromLeafHashes(chain.map(leafHash));

  async function claimsFor(sizes: number[]): Promise<Claims> {
    const roots = new Map<number, Buffer>();
    for (const size of sizes) roots.set(size, await treeHash(size, tiles));
    const claims: Claims = { inclusion: [], consistency: [] };
    for (const size of sizes) {
      for (const index of new Set([0, 1, Math.floor(size / 2), size - 2, size - 1].filter((i) => i >= 0 && i < size))) {
        const proof = (await inclusionProof(index, size, tiles)).map(b64);
        claims.inclusion.push({ chainHash: b64(chain[index]), index, size, proof, rootHash: b64(roots.get(size)!) });
      }
      for (const oldSize of sizes.filter((old) => old <= size)) {
        const proof = (await consistencyProof(oldSize, size, tiles)).map(b64);
        const [oldRoot, newRoot] = [b64(roots.get(oldSize)!), b64(roots.get(size)!)];
        claims.consistency.push({ oldSize, newSize: size, oldRoot, newRoot, proof });
      }
    }
    return claims;
  }

  it("runs on the machine", () => {
    expect(execFileSync("python3", ["--version"], { encoding: "utf8" })).toMatch(/^Python 3\./);
  });

  it("agrees with every proof Verity makes, small trees and across tile levels", async () => {
    const sizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 64, 100, 255, 256, 257, 1000, 65_535, 65_536, 65_537, 70_000];
    const claims = await claimsFor(sizes);
    const { status, lines } = runVerifier(claims);
    expect(lines).toHaveLength(claims.inclusion.length + claims.consistency.length);
    expect(lines.filter((line) => line !== "ok")).toEqual([]);
    expect(status).toBe(0);
  });

  it("rejects tampered proofs, each one", async () => {
    const claims = await claimsFor([6, 7, 300, 70_000]);
    const flipped = (hashes: string[], at: number) =>
      hashes.map((hash, n) => {
        if (n !== at) return hash;
        const bytes = Buffer.from(hash, "base64");
        bytes[at % 32] ^= 0x80;
        return b64(bytes);
      });
    const tampered: Claims = { inclusion: [], consistency: [] };
    for (const claim of claims.inclusion) {
      const proof = claim.proof as string[];
      if (proof.length > 0) tampered.inclusion.push({ ...claim, proof: flipped(proof, proof.length - 1) });
      tampered.inclusion.push({ ...claim, proof: [...proof, claim.rootHash] });
      tampered.inclusion.push({ ...claim, size: (claim.size as number) * 2 });
      tampered.inclusion.push({ ...claim, chainHash: b64(Buffer.alloc(32)) });
    }
    for (const claim of claims.consistency) {
      const proof = claim.proof as string[];
      if (proof.length > 0) tampered.consistency.push({ ...claim, proof: flipped(proof, 0) });
      if (proof.length > 0) tampered.consistency.push({ ...claim, proof: proof.slice(1) });
      tampered.consistency.push({ ...claim, newRoot: b64(Buffer.alloc(32, 1)) });
    }
    const { status, lines } = runVerifier(tampered);
    expect(lines).toHaveLength(tampered.inclusion.length + tampered.consistency.length);
    expect(lines.filter((line) => line !== "FAIL")).toEqual([]);
    expect(status).toBe(1);
    // and one good proof among them is still told apart
    const mixed = { inclusion: [claims.inclusion[0], tampered.inclusion[0]], consistency: [] };
    expect(runVerifier(mixed)).toEqual({ status: 1, lines: ["ok", "FAIL"] });
  });
});
