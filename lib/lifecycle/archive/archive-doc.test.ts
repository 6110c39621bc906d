import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { formatCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { ed25519NoteSigner, parseVerifierKey, signNote } from "@/lib/audit/checkpoints/signed-note";
import { contentOfBundleEntry, type TBundleEntry } from "@/lib/audit/export/audit-bundle-format";
import { contentHashOf, GENESIS_HASH, linkHashOf, type EntryContent } from "@/lib/audit/entry-content";
import { leafHash } from "@/lib/audit/tree/merkle-hash";
import { rootFromLeaves } from "@/lib/audit/tree/verify-proofs";
import type { ArchiveStore } from "./archive-store";
import { entriesKey, manifestKey, segmentName, ZSegmentManifest, type TSegmentManifest } from "./segment-format";
import { verifySegment } from "./verify-segment";

/** docs/archive.md's worked example: each `<!-- example: name -->` and the fenced block after it. */
function docExamples(): Record<string, string> {
  const markdown = readFileSync(join(__dirname, "..", "..", "..", "docs", "archive.md"), "utf8");
  const blocks: Record<string, string> = {};
  for (const [, name, body] of markdown.matchAll(/<!-- example: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g))
    blocks[name] = body;
  return blocks;
}

const ORG = "7d0e4a52-3b1c-4f7e-9a58-2c6d8e1f0a93";
const SEED = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");
const signer = ed25519NoteSigner("verity.example.com", SEED);

/** The example: the first two entries of an organization's chain, archived as one segment. */
function example() {
  const contents: EntryContent[] = [1, 2].map((n) => ({
    id: `0193a1b2-0000-7000-8000-00000000000${n}`,
    orgId: ORG,
    occurredAt: `2025-01-15T09:3${n}:00.123456Z`,
    category: "custom",
    action: "custom.example.event",
    actor: { type: "user", id: "u-1", display: "ada@example.com" },
    target: null,
    outcome: "success",
    ip: "203.0.113.7",
    userAgent: null,
    geo: null,
    requestId: null,
    metadata: { n },
  }));
  let prevHash = GENESIS_HASH;
  const entries: TBundleEntry[] = contents.map((content, index) => {
    const contentHash = contentHashOf(content);
    const hash = linkHashOf(prevHash, contentHash);
    const entry = { seq: index + 1, prevHash, hash, contentHash, ...content };
    prevHash = hash;
    return entry;
  });
  const lines = entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  const object = gzipSync(lines);
  const leaves = entries.map((entry) => leafHash(Buffer.from(entry.hash, "hex")));
  const checkpoint = formatCheckpoint({
    origin: `verity.example.com/orgs/${ORG}`,
    size: 2,
    rootHash: rootFromLeaves(leaves),
  });
  const name = segmentName(ORG, 1, 2);
  const manifest: TSegmentManifest = {
    type: "verity.archive-segment",
    version: 1,
    orgId: ORG,
    fromSeq: 1,
    toSeq: 2,
    count: 2,
    firstPrevHash: GENESIS_HASH,
    lastHash: entries[1].hash,
    firstOccurredAt: entries[0].occurredAt,
    lastOccurredAt: entries[1].occurredAt,
    minOccurredAt: entries[0].occurredAt,
    maxOccurredAt: entries[1].occurredAt,
    object: { key: entriesKey(name), sha256: createHash("sha256").update(object).digest("hex"), bytes: object.length },
    checkpoint: {
      note: signNote(checkpoint, [signer]),
      size: 2,
      logKey: signer.verifierKey,
      // The inclusion proof of entry 2 (leaf index 1) in a tree of 2: the leaf hash of entry 1.
      inclusionProof: [leaves[0].toString("hex")],
    },
    archivedAt: "2026-02-20T03:00:00.000Z",
  };
  return { name, lines, object, manifest: `${JSON.stringify(manifest, null, 2)}\n`, entries };
}

function memoryStore(objects: Map<string, Buffer>): ArchiveStore {
  return {
    description: "memory",
    putFile: async () => {},
    putText: async (key, text) => void objects.set(key, Buffer.from(text)),
    read: async (key) =>
      objects.has(key)
        ? (async function* () {
            yield objects.get(key)!;
          })()
        : null,
    list: async (prefix) => [...objects.keys()].filter((key) => key.startsWith(prefix)).sort(),
    delete: async (key) => void objects.delete(key),
    destroy: async (key) => void objects.delete(key),
    presignedUrl: async () => null,
  };
}

describe("docs/archive.md's worked example", () => {
  const doc = docExamples();
  const built = example();

  test("shows the segment's objects as the archive writes them", () => {
    expect(doc["object-names"].trim()).toBe(`${entriesKey(built.name)}\n${manifestKey(built.name)}`);
    expect(doc["entries"]).toBe(built.lines);
    expect(doc["manifest"]).toBe(built.manifest);
    expect(doc["vkey"].trim()).toBe(signer.verifierKey);
  });

  test("each entry's hashes follow from its content, and the manifest's hashes from the entries and the object", () => {
    const lines = doc["entries"]
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as TBundleEntry);
    expect(lines[0].prevHash).toBe(GENESIS_HASH);
    for (const entry of lines) {
      expect(contentHashOf(contentOfBundleEntry(entry))).toBe(entry.contentHash);
      expect(linkHashOf(entry.prevHash, entry.contentHash)).toBe(entry.hash);
    }
    const manifest = ZSegmentManifest.parse(JSON.parse(doc["manifest"]));
    expect(manifest.lastHash).toBe(lines[1].hash);
    expect(gunzipSync(built.object).toString("utf8")).toBe(doc["entries"]);
    expect(manifest.object.sha256).toBe(createHash("sha256").update(built.object).digest("hex"));
  });

  test("verifies against its signed checkpoint, and an altered object does not", async () => {
    const manifest = ZSegmentManifest.parse(JSON.parse(doc["manifest"]));
    const verifiers = [parseVerifierKey(doc["vkey"].trim())];
    const objects = new Map([[manifest.object.key, built.object]]);
    expect(await verifySegment(memoryStore(objects), manifest, verifiers)).toEqual({ ok: true });
    objects.set(manifest.object.key, gzipSync(doc["entries"].replace('"n":2', '"n":3')));
    expect(await verifySegment(memoryStore(objects), manifest, verifiers)).toMatchObject({
      ok: false,
      problem: "altered",
      reason: expect.stringContaining("the content of entry seq 2 was changed"),
    });
    objects.clear();
    expect(await verifySegment(memoryStore(objects), manifest, verifiers)).toMatchObject({ problem: "missing" });
  });
});
