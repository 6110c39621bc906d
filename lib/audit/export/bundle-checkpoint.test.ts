import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { commands } from "@/lib/cli/commands";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";
import { formatCheckpoint, parseCheckpoint } from "../checkpoints/checkpoint-text";
import { loadLogSigner } from "../checkpoints/log-keys";
import { generateSignerKey, parseNote, signNote } from "../checkpoints/signed-note";
import type { TBundleEntry, TBundleHeader } from "./audit-bundle-format";
import { linesOf } from "./bundle-file-lines";
import { exportAuditBundle } from "./export-audit-bundle";

let db: Db;
let orgId: string;
/** A checkpoint note saved from a first, smaller bundle (entries 1..5). */
let savedNote: string;

async function bundle(options: { fromSeq?: bigint; toSeq?: bigint } = {}): Promise<string[]> {
  const { stream } = await exportAuditBundle(db, { orgId, batchSize: 4, ...options });
  const lines: string[] = [];
  for await (const line of linesOf(stream)) lines.push(line);
  return lines;
}

const headerOf = (lines: string[]) => JSON.parse(lines[0]) as TBundleHeader;

beforeAll(async () => {
  db = testDb();
  orgId = (await createOwner()).org.id;
  await appendEvents(db, orgId, 3);
  savedNote = headerOf(await bundle()).checkpoint!.note;
  await appendEvents(db, orgId, 6);
});

const output: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  output.length = 0;
});

async function run(...args: string[]) {
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => Boolean(output.push(String(chunk))));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => Boolean(output.push(String(chunk))));
  return commands["verify-export"].run(args);
}

async function file(name: string, contents: string) {
  const path = join(await mkdtemp(join(tmpdir(), "verity-bundle-")), name);
  await writeFile(path, contents);
  return path;
}

const bundleFile = async (lines: string[]) => file("audit.bundle.ndjson", `${lines.join("\n")}\n`);
const rightKey = () => loadLogSigner().verifierKey;

describe("an export bundle's checkpoint", () => {
  it("is signed now and covers the bundle's last entry, with its inclusion proof", async () => {
    const header = headerOf(await bundle({ fromSeq: 3n, toSeq: 7n }));
    expect(header.checkpoint!.size).toBeGreaterThanOrEqual(11);
    expect(header.checkpoint!.logKey).toBe(rightKey());
    expect(header.checkpoint!.inclusionProof.length).toBeGreaterThan(0);
    expect(parseCheckpoint(parseNote(header.checkpoint!.note).text).size).toBe(BigInt(header.checkpoint!.size));
  });
});

describe("verity verify-export with a checkpoint", () => {
  it("verifies a whole bundle, and a middle range, with the right --log-key", async () => {
    expect(await run(await bundleFile(await bundle()), "--log-key", rightKey())).toBe(0);
    expect(output.join("")).toMatch(/signed checkpoint verified: size 11, root [0-9a-f]{64}/);
    expect(output.join("")).not.toMatch(/trusting the key in the file/);
    expect(await run(await bundleFile(await bundle({ fromSeq: 4n, toSeq: 6n })), "--log-key", rightKey())).toBe(0);
  });

  it("fails with another key", async () => {
    const other = generateSignerKey(parseNote(savedNote).signatures[0].name).verifierKey;
    expect(await run(await bundleFile(await bundle()), "--log-key", other)).toBe(1);
    expect(output.join("")).toMatch(/CHECKPOINT MISMATCH: the bundle's checkpoint is not signed by a trusted log key/);
  });

  it("warns when it trusts the key in the file", async () => {
    expect(await run(await bundleFile(await bundle()))).toBe(0);
    expect(output.join("")).toMatch(/warning: no --log-key given, trusting the key in the file/);
  });

  it("fails for a tampered entry and for a swapped checkpoint", async () => {
    const lines = await bundle();
    const tampered = lines.map((line, i) => {
      if (i !== 4) return line;
      const entry = JSON.parse(line) as TBundleEntry;
      entry.action = "custom.forged";
      return JSON.stringify(entry);
    });
    expect(await run(await bundleFile(tampered), "--log-key", rightKey())).toBe(1);
    expect(output.join("")).toMatch(/line 5: the content of entry seq 4 was changed/);
    output.length = 0;
    // The earlier checkpoint (size 5), with a proof, in the newer bundle: it does not cover entry 11.
    const header = headerOf(lines);
    const swapped = { ...header, checkpoint: { ...header.checkpoint!, note: savedNote } };
    expect(await run(await bundleFile([JSON.stringify(swapped), ...lines.slice(1)]), "--log-key", rightKey())).toBe(1);
    expect(output.join("")).toMatch(/CHECKPOINT MISMATCH: the checkpoint \(size 5\) does not cover entry 11/);
  });

  it("fails for a checkpoint signed by the log's key whose root is not the bundle's", async () => {
    // A correctly signed checkpoint of the right size whose root is not the bundle's.
    const lines = await bundle();
    const signer = loadLogSigner();
    const forged = signNote(
      formatCheckpoint({ origin: parseNote(savedNote).signatures[0].name, size: 11, rootHash: Buffer.alloc(32, 7) }),
      [signer],
    );
    const header = headerOf(lines);
    const swapped = { ...header, checkpoint: { ...header.checkpoint!, note: forged } };
    expect(await run(await bundleFile([JSON.stringify(swapped), ...lines.slice(1)]), "--log-key", rightKey())).toBe(1);
    expect(output.join("")).toMatch(/CHECKPOINT MISMATCH: entry 11 is not in the checkpoint's tree/);
  });

  it("checks --since against an earlier saved checkpoint, and fails for a forged one", async () => {
    const path = await bundleFile(await bundle());
    const saved = await file("saved.checkpoint", savedNote);
    expect(await run(path, "--log-key", rightKey(), "--since", saved)).toBe(0);
    expect(output.join("")).toMatch(/consistent with the saved checkpoint .*saved\.checkpoint: the log only grew/);
    output.length = 0;
    const { origin, size } = parseCheckpoint(parseNote(savedNote).text);
    const forged = await file(
      "forged.checkpoint",
      signNote(formatCheckpoint({ origin, size, rootHash: Buffer.alloc(32, 9) }), [loadLogSigner()]),
    );
    expect(await run(path, "--log-key", rightKey(), "--since", forged)).toBe(1);
    expect(output.join("")).toMatch(/the log was rewritten since the saved checkpoint/);
    output.length = 0;
    const unsigned = await file("unsigned.checkpoint", savedNote.replace(/— .*\n$/, "— x\n"));
    expect(await run(path, "--log-key", rightKey(), "--since", unsigned)).toBe(1);
    expect(output.join("")).toMatch(/CHECKPOINT MISMATCH: the --since checkpoint is not signed by a trusted log key/);
  });
});
