import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import canonicalize from "canonicalize";
import { canonicalBytes, contentHashOf, GENESIS_HASH, linkHashOf, type EntryContent } from "./entry-content";

/** The README's byte layout is the contract for independent verifiers: its worked example must hold. */
describe("the README's hash chain example", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const canonical = readme.match(/```json\n(\{"action".*\})\n```/)![1];
  const [contentHash, hash] = [...readme.matchAll(/`([0-9a-f]{64})`/g)].map((match) => match[1]);

  it("is the canonical form of its own content", () => {
    expect(canonicalize(JSON.parse(canonical))).toBe(canonical);
  });

  it("hashes as documented", () => {
    const { v, ...content } = JSON.parse(canonical) as EntryContent & { v: number };
    expect(v).toBe(1);
    expect(canonicalBytes(content).toString("utf8")).toBe(canonical);
    expect(contentHashOf(content)).toBe(contentHash);
    expect(linkHashOf(GENESIS_HASH, contentHash)).toBe(hash);
  });
});
