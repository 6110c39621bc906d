import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { appendAuditEntry } from "../append-audit-entry";
import { contentHashOf, GENESIS_HASH, linkHashOf } from "@/lib/audit/entry-content";
import type { Db } from "@/lib/db/client";
import { commands } from "@/lib/cli/commands";
import { AppError } from "@/lib/http/app-error";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";
import { contentOfBundleEntry, type TBundleEntry } from "./audit-bundle-format";
import { linesOf } from "./bundle-file-lines";
import { exportAuditBundle } from "./export-audit-bundle";
import { verifyAuditBundle, type BundleVerification } from "./verify-audit-bundle";

let db: Db;
let orgId: string;

beforeAll(async () => {
  db = testDb();
  orgId = (await createOwner()).org.id;
  await appendEvents(db, orgId, 6);
  // Microseconds, a target, geo and nested, non-ASCII metadata: all of it is covered by the hash.
  await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId,
      action: "custom.payout.approved",
      actor: { type: "api_key", id: "key-1", display: "Payouts (vk_live_AbC1…)" },
      target: { type: "payout", id: "po_1", display: "Überweisung №1" },
      context: {
        ip: "2001:db8::5",
        userAgent: "curl/8",
        geo: { country: "DE", region: null, city: "Köln" },
        requestId: "req-9",
      },
      metadata: { amount: 12.5, approvers: ["a", "b"], nested: { ok: true, none: null } },
      occurredAt: "2026-11-25T13:28:18.123456Z",
    }),
  );
});

/** A bundle's lines, header first. */
async function bundle(options: { fromSeq?: bigint; toSeq?: bigint } = {}): Promise<string[]> {
  const { stream } = await exportAuditBundle(db, { orgId, batchSize: 4, ...options });
  const lines: string[] = [];
  for await (const line of linesOf(stream)) lines.push(line);
  return lines;
}

async function verify(lines: string[]): Promise<BundleVerification> {
  return verifyAuditBundle(
    (async function* () {
      yield* lines;
    })(),
  );
}

const edit = (line: string, change: (entry: TBundleEntry) => void) => {
  const entry = JSON.parse(line) as TBundleEntry;
  change(entry);
  return JSON.stringify(entry);
};

describe("exportAuditBundle", () => {
  it("writes a header and every entry with its position and content", async () => {
    const [header, ...entries] = await bundle();
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { orgId } });
    expect(JSON.parse(header)).toMatchObject({
      type: "verity.audit-bundle",
      version: 1,
      orgId,
      fromSeq: 1,
      toSeq: 9,
      prevHash: GENESIS_HASH,
      count: 9,
    });
    expect(entries).toHaveLength(9);
    const last = JSON.parse(entries[8]) as TBundleEntry;
    expect(last).toMatchObject({
      seq: 9,
      hash: head.hash,
      occurredAt: "2026-11-25T13:28:18.123456Z",
      target: { display: "Überweisung №1" },
    });
    // Anyone can recompute the hashes from the line alone.
    expect(contentHashOf(contentOfBundleEntry(last))).toBe(last.contentHash);
    expect(linkHashOf(last.prevHash, last.contentHash)).toBe(last.hash);
  });

  it("a range starts from the hash of the entry before it", async () => {
    const whole = await bundle();
    const [header, ...entries] = await bundle({ fromSeq: 3n, toSeq: 5n });
    expect(JSON.parse(header)).toMatchObject({ fromSeq: 3, toSeq: 5, count: 3, prevHash: JSON.parse(whole[2]).hash });
    expect(entries.map((line) => JSON.parse(line).seq)).toEqual([3, 4, 5]);
    expect(await verify([header, ...entries])).toMatchObject({ ok: true, fromSeq: 3, toSeq: 5, count: 3 });
  });

  it("stops at the chain head and refuses an empty range", async () => {
    expect(JSON.parse((await bundle({ toSeq: 500n }))[0])).toMatchObject({ toSeq: 9, count: 9 });
    await expect(exportAuditBundle(db, { orgId, fromSeq: 10n })).rejects.toBeInstanceOf(AppError);
    await expect(exportAuditBundle(db, { orgId, fromSeq: 0n })).rejects.toThrow(/no entries in 0\.\.9/);
    await expect(exportAuditBundle(db, { orgId, fromSeq: 5n, toSeq: 4n })).rejects.toThrow(/no entries in 5\.\.4/);
  });
});

describe("verifyAuditBundle", () => {
  it("finds an untouched bundle intact", async () => {
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { orgId } });
    expect(await verify(await bundle())).toEqual({
      ok: true,
      orgId,
      fromSeq: 1,
      toSeq: 9,
      count: 9,
      lastHash: head.hash,
      checkpoint: expect.objectContaining({ size: 9 }) as unknown,
    });
  });

  // Line 1 is the header, so entry seq n is on line n + 1.
  it.each<[string, (lines: string[]) => string[], { line: number; problem: string; reason: RegExp }]>([
    [
      "a changed field",
      (lines) =>
        lines.map((line, i) => (i === 3 ? edit(line, (entry) => void (entry.actor.display = "someone else")) : line)),
      { line: 4, problem: "content", reason: /content of entry seq 3 was changed/ },
    ],
    [
      "a changed metadata value in the last entry",
      (lines) => lines.map((line, i) => (i === 9 ? edit(line, (entry) => void (entry.metadata.amount = 125)) : line)),
      { line: 10, problem: "content", reason: /entry seq 9/ },
    ],
    [
      "a dropped line",
      (lines) => lines.filter((_, i) => i !== 4),
      { line: 5, problem: "gap", reason: /entry 4 is missing before seq 5/ },
    ],
    [
      "two dropped lines",
      (lines) => lines.filter((_, i) => i !== 4 && i !== 5),
      { line: 5, problem: "gap", reason: /entries 4\.\.5 are missing/ },
    ],
    [
      "a dropped last line",
      (lines) => lines.slice(0, -1),
      { line: 10, problem: "count", reason: /promises 9 entries .* ends after 8/ },
    ],
    [
      "two lines swapped",
      (lines) => [...lines.slice(0, 4), lines[5], lines[4], ...lines.slice(6)],
      { line: 5, problem: "order", reason: /line 5 holds seq 5 where seq 4 belongs \(it follows on line 6\)/ },
    ],
    [
      "a line moved back",
      (lines) => [...lines.slice(0, 6), lines[2], ...lines.slice(6)].filter((_, i) => i !== 2),
      { line: 3, problem: "gap", reason: /entry 2 is missing before seq 3/ },
    ],
    [
      "a line moved forward",
      (lines) => [...lines.slice(0, 3), lines[6], ...lines.slice(3, 6), ...lines.slice(7)],
      { line: 4, problem: "order", reason: /line 4 holds seq 6 where seq 3 belongs/ },
    ],
    [
      "a repeated line",
      (lines) => [...lines.slice(0, 5), lines[4], ...lines.slice(5)],
      { line: 6, problem: "order", reason: /entry seq 4 is repeated from the line before/ },
    ],
    [
      "a changed field with its contentHash recomputed",
      (lines) =>
        lines.map((line, i) =>
          i === 3
            ? edit(line, (entry) => {
                entry.ip = "198.51.100.1";
                entry.contentHash = contentHashOf(contentOfBundleEntry(entry));
              })
            : line,
        ),
      { line: 4, problem: "hash", reason: /hash of entry seq 3 is not SHA-256/ },
    ],
    [
      "a changed field with both hashes recomputed",
      (lines) =>
        lines.map((line, i) =>
          i === 3
            ? edit(line, (entry) => {
                entry.ip = "198.51.100.1";
                entry.contentHash = contentHashOf(contentOfBundleEntry(entry));
                entry.hash = linkHashOf(entry.prevHash, entry.contentHash);
              })
            : line,
        ),
      { line: 5, problem: "link", reason: /prevHash of entry seq 4 does not match the hash of entry seq 3/ },
    ],
    [
      "a field added",
      (lines) => lines.map((line, i) => (i === 2 ? line.replace(/}$/, ',"note":"x"}') : line)),
      { line: 3, problem: "entry", reason: /not an audit entry/ },
    ],
    [
      "a truncated line",
      (lines) => lines.map((line, i) => (i === 6 ? line.slice(0, 40) : line)),
      { line: 7, problem: "json", reason: /malformed JSON/ },
    ],
    [
      "the header dropped",
      (lines) => lines.slice(1),
      {
        line: 1,
        problem: "header",
        reason: /header is missing: line 1 is not a "verity.audit-bundle" header but an entry/,
      },
    ],
    [
      "the header's count changed",
      (lines) => [lines[0].replace('"count":9', '"count":8'), ...lines.slice(1)],
      { line: 1, problem: "header", reason: /count \(8\) does not match its range 1\.\.9/ },
    ],
    [
      "an unknown version",
      (lines) => [lines[0].replace('"version":1', '"version":2'), ...lines.slice(1)],
      { line: 1, problem: "header", reason: /bundle version 2/ },
    ],
    [
      "a wrong prevHash in the header",
      (lines) => [lines[0].replace(GENESIS_HASH, "1".repeat(64)), ...lines.slice(1)],
      { line: 2, problem: "link", reason: /header's prevHash/ },
    ],
    ["nothing at all", () => [], { line: 1, problem: "header", reason: /empty/ }],
  ])("names the line of %s", async (_, tamper, expected) => {
    const result = await verify(tamper(await bundle()));
    expect(result).toMatchObject({ ok: false, line: expected.line, problem: expected.problem });
    expect(result.ok === false && result.reason).toMatch(expected.reason);
  });

  it("refuses an entry spliced in from another organization's bundle", async () => {
    const other = (await createOwner()).org.id;
    const { stream } = await exportAuditBundle(db, { orgId: other });
    const foreign: string[] = [];
    for await (const line of linesOf(stream)) foreign.push(line);
    expect(await verify(foreign)).toMatchObject({ ok: true, orgId: other, count: 2 });
    const spliced = (await bundle()).map((line, i) => (i === 2 ? foreign[2] : line));
    expect(await verify(spliced)).toMatchObject({ ok: false, line: 3, problem: "organization" });
  });

  it("counts blank lines in line numbers but otherwise ignores them", async () => {
    const lines = await bundle();
    expect(await verify([...lines.slice(0, 3), "", ...lines.slice(3), ""])).toMatchObject({ ok: true, count: 9 });
    const tampered = [...lines.slice(0, 3), "", ...lines.slice(3)].map((line, i) =>
      i === 5 ? edit(line, (entry) => void (entry.action = "custom.x")) : line,
    );
    expect(await verify(tampered)).toMatchObject({ ok: false, line: 6, problem: "content" });
  });
});

describe("verity verify-export <file>", () => {
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

  async function file(name: string, contents: string | Buffer) {
    const path = join(await mkdtemp(join(tmpdir(), "verity-bundle-")), name);
    await writeFile(path, contents);
    return path;
  }

  it("prints intact and exits 0 for an untouched bundle, gzipped or not", async () => {
    const text = `${(await bundle()).join("\n")}\n`;
    expect(await run(await file("audit.bundle.ndjson", text))).toBe(0);
    expect(output[0]).toBe("intact: 9 entries, seq 1..9\n");
    output.length = 0;
    expect(await run(await file("audit.bundle.ndjson.gz", gzipSync(text)))).toBe(0);
    expect(output[0]).toBe("intact: 9 entries, seq 1..9\n");
  });

  it("prints the line and the reason and exits 1 for a tampered bundle", async () => {
    const lines = (await bundle()).map((line, i) =>
      i === 3 ? edit(line, (entry) => void (entry.outcome = "failure")) : line,
    );
    expect(await run(await file("tampered.ndjson", lines.join("\n")))).toBe(1);
    expect(output.join("")).toMatch(/^line 4: the content of entry seq 3 was changed/);
  });

  it("exits 2 without a readable file", async () => {
    expect(await run()).toBe(2);
    expect(await run(join(tmpdir(), "no-such-bundle.ndjson"))).toBe(2);
    expect(output.join("")).toMatch(/cannot read .*no-such-bundle\.ndjson/);
  });
});
