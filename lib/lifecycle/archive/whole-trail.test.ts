import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadLogSigner } from "@/lib/audit/checkpoints/log-keys";
import { exportAuditBundle } from "@/lib/audit/export/export-audit-bundle";
import { exportAuditEntries } from "@/lib/audit/export/export-audit-entries";
import { compileAuditSearch } from "@/lib/audit/search/compile-audit-search";
import { WHOLE_PHRASE_INDEX } from "@/lib/audit/search/free-text-index";
import { commands } from "@/lib/cli/commands";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { archivedTrailReader } from "./archived-trail-reader";
import { randomUUID } from "node:crypto";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { parseCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { parseNote } from "@/lib/audit/checkpoints/signed-note";
import type { ArchivedTrailReader } from "@/lib/audit/export/archived-trail-reader";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { leafHash } from "@/lib/audit/tree/merkle-hash";
import { verifyInclusion } from "@/lib/audit/tree/verify-proofs";
import type { DataSubjectRequest } from "@/lib/db/generated/client";
import { buildAccessPackage } from "@/lib/privacy/access-package";
import { directoryTestStore, readObject, s3TestStore, type TestArchiveStore } from "@/lib/testing/archive-test-stores";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { archiveOrg } from "./archive-org";
import { segmentName } from "./segment-format";
import { planArchiveSearch, searchArchive, type ArchiveSearchLine } from "./search-archive";
import { verifyWholeTrail } from "./verify-whole-trail";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-whole-trail-test-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const output: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  output.length = 0;
});

/** The real `verity verify-export`, in this process (it reads the file only, no database). */
async function verifyExport(...args: string[]) {
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => Boolean(output.push(String(chunk))));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => Boolean(output.push(String(chunk))));
  return commands["verify-export"].run(args);
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** An organization of `entries` entries, entries 1..512 archived in two segments (1..256, 257..512). */
async function archivedOrg(store: TestArchiveStore, entries = 700): Promise<string> {
  const { org } = await createOwner();
  await appendMany(db, org.id, entries - 2); // sign-up wrote two
  const segments = await archiveOrg(db, store.store, { orgId: org.id, olderThanDays: 0, maxEntries: 256 });
  expect(segments.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([
    [1, 256],
    [257, 512],
  ]);
  return org.id;
}

const seqsOf = (ndjson: string) =>
  ndjson
    .trim()
    .split("\n")
    .map((line) => Number((JSON.parse(line) as { seq: string | number }).seq));

describe.each([
  ["directory", () => directoryTestStore(scratch)],
  ["S3 (s3rver)", s3TestStore],
] as const)("one trail across the archive in a %s store", (_kind, open) => {
  let test: TestArchiveStore;
  beforeAll(async () => {
    test = await open();
  });
  afterAll(() => test.stop());

  it("puts the subject's archived entries in their access package, each with an inclusion proof", async () => {
    const owner = await createOwner();
    const orgId = owner.org.id;
    await appendMany(db, orgId, 698);
    await archiveOrg(db, test.store, { orgId, olderThanDays: 0, maxEntries: 256 });
    await appendAuditEntryOnItsOwn(db, {
      orgId,
      action: "custom.test.event",
      actor: { type: "user", id: owner.user.id, display: owner.user.email },
    });
    await checkpointNow(db, orgId);
    const request = { id: randomUUID(), subject: owner.user.email, regime: "GDPR", receivedAt: new Date() };
    const build = (archive?: ArchivedTrailReader) =>
      buildAccessPackage(db, { org: owner.org }, request as DataSubjectRequest, archive ? { archive } : {});

    const without = await build();
    expect(without.auditTrail.entries.every((entry) => entry.seq > 512)).toBe(true);
    const trail = (await build(archivedTrailReader(test.store))).auditTrail;
    expect(trail).toMatchObject({ archivedThrough: 512, archiveRead: true, truncated: false });
    const seqs = trail.entries.map((entry) => entry.seq);
    // The sign-up (seqs 1 and 2, the owner acting) is archived; the owner's last entry is in PostgreSQL.
    expect(seqs.filter((seq) => seq <= 512).length).toBeGreaterThan(0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBeGreaterThan(512);
    const rootHash = parseCheckpoint(parseNote(trail.checkpoint!.note).text).rootHash;
    for (const entry of trail.entries) {
      expect(
        entry.actor.id === owner.user.id ||
          entry.target?.id === owner.user.id ||
          entry.actor.display === owner.user.email,
      ).toBe(true);
      const claim = {
        leafHash: leafHash(Buffer.from(entry.hash, "hex")),
        index: entry.seq - 1,
        size: trail.checkpoint!.size,
        proof: entry.inclusionProof!.map((hash) => Buffer.from(hash, "hex")),
        rootHash,
      };
      expect(verifyInclusion(claim)).toBe(true);
    }
  });

  it("verifies archive then hot entries as one chain, with progress over both", async () => {
    const orgId = await archivedOrg(test);
    const progress: [number, number][] = [];
    const result = await verifyWholeTrail({
      db,
      orgId,
      store: test.store,
      onProgress: (checked, total) => progress.push([checked, total]),
    });
    expect(result).toMatchObject({ ok: true, firstBad: null, archivedThrough: 512n });
    expect(result.archive).toEqual({ segments: 2, entries: "512", purged: 0, problems: [] });
    expect(result.checkpoints.problem).toBeNull();
    // The segments count first (a segment at a time), then the hot entries, up to the whole chain.
    expect(progress.slice(0, 2).map(([checked]) => checked)).toEqual([256, 512]);
    expect(progress.at(-1)).toEqual([Number(result.headSeq), Number(result.headSeq)]);
  });

  it("names an altered segment as the chain's first break", async () => {
    const orgId = await archivedOrg(test);
    const second = segmentName(orgId, 257, 512);
    const lines = gunzipSync((await readObject(test.store, `${second}.ndjson.gz`))!).toString("utf8");
    await test.overwrite(`${second}.ndjson.gz`, gzipSync(lines.replace('"n":300', '"n":301')));
    const result = await verifyWholeTrail({ db, orgId, store: test.store });
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: 257n, kind: "archive" });
    expect(result.firstBad!.detail).toContain(`segment ${second} (entries 257..512) is altered`);
    expect(result.archive!.problems).toEqual([expect.objectContaining({ name: second, problem: "altered" })]);
    // An export reading that segment fails naming it, after the entries before it: no quiet gap.
    const exported = exportAuditEntries(db, {
      orgId,
      format: "ndjson",
      archive: { reader: archivedTrailReader(test.store), matchAll: true },
    });
    await expect(text(exported.stream)).rejects.toThrow(`segment ${second} (entries 257..512) is altered`);
    await expect(
      exportAuditBundle(db, { orgId, fromSeq: 300n, archive: archivedTrailReader(test.store) }),
    ).rejects.toThrow(`segment ${second} (entries 257..512) is altered`);
    const bundle = await exportAuditBundle(db, { orgId, archive: archivedTrailReader(test.store) });
    await expect(text(bundle.stream)).rejects.toThrow(`segment ${second} (entries 257..512) is altered`);
  });

  it("exports a range spanning archive and database, whole or searched, in chain order", async () => {
    const orgId = await archivedOrg(test);
    const whole = exportAuditEntries(db, {
      orgId,
      format: "ndjson",
      archive: { reader: archivedTrailReader(test.store), matchAll: true },
    });
    const seqs = seqsOf(await text(whole.stream));
    expect(seqs.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(700);
    expect((await whole.done).count).toBe(seqs.length);

    // A search: the same compiled SQL matches archived entries as hot ones (metadata n = 100 is entry 103, and so on).
    const { where } = compileAuditSearch({ q: 'action:custom.test.event "00}"' }, WHOLE_PHRASE_INDEX);
    const searched = exportAuditEntries(db, {
      orgId,
      where,
      format: "csv",
      archive: { reader: archivedTrailReader(test.store), matchAll: false },
    });
    const csv = (await text(searched.stream)).trim().split("\n");
    expect(csv.slice(1).map((row) => row.split(",")[0])).toEqual(["103", "203", "303", "403", "503", "603"]);
  });

  it("exports a bundle spanning archive and database that verity verify-export accepts", async () => {
    const orgId = await archivedOrg(test);
    for (const fromSeq of [undefined, 200n]) {
      const bundle = await exportAuditBundle(db, {
        orgId,
        archive: archivedTrailReader(test.store),
        ...(fromSeq ? { fromSeq } : {}),
      });
      const file = path.join(scratch, `bundle-${orgId}-${fromSeq ?? 1n}.ndjson`);
      await writeFile(file, await text(bundle.stream));
      expect(await verifyExport(file, "--log-key", loadLogSigner().verifierKey)).toBe(0);
      expect(output.join("")).toMatch(new RegExp(`intact: \\d+ entries, seq ${fromSeq ?? 1}\\.\\.\\d+`));
      expect(output.join("")).toMatch(/signed checkpoint verified/);
      output.length = 0;
    }
    // Without the archive, a bundle from inside it is still refused, naming the restore.
    await expect(exportAuditBundle(db, { orgId, fromSeq: 200n })).rejects.toBeInstanceOf(AppError);
  });

  it("searches the archive segment by segment, newest first, with the screen's query language", async () => {
    const orgId = await archivedOrg(test);
    const plan = await planArchiveSearch(db, { orgId, q: 'action:custom.test.event "\\"n\\": 100}"' });
    const lines: ArchiveSearchLine[] = [];
    for await (const line of searchArchive(db, test.store, plan, { limit: 200 })) lines.push(line);
    expect(lines.filter((line) => line.type === "progress")).toEqual([
      { type: "progress", segmentsRead: 0, segmentsTotal: 2 },
      { type: "progress", segmentsRead: 1, segmentsTotal: 2 },
      { type: "progress", segmentsRead: 2, segmentsTotal: 2 },
    ]);
    const entries = lines.flatMap((line) => (line.type === "entries" ? line.entries : []));
    expect(entries.map((entry) => entry.seq)).toEqual(["103"]);
    expect(entries[0]).toMatchObject({ action: "custom.test.event", metadata: { n: 100 } });
    expect(lines.at(-1)).toEqual({
      type: "done",
      matched: 1,
      segmentsRead: 2,
      segmentsTotal: 2,
      purged: 0,
      truncated: false,
    });

    const all = await planArchiveSearch(db, { orgId, q: "" });
    const limited: ArchiveSearchLine[] = [];
    for await (const line of searchArchive(db, test.store, all, { limit: 10 })) limited.push(line);
    const newest = limited.flatMap((line) => (line.type === "entries" ? line.entries.map((entry) => entry.seq) : []));
    expect(newest).toEqual(Array.from({ length: 10 }, (_, i) => String(512 - i)));
    expect(limited.at(-1)).toMatchObject({ type: "done", matched: 10, truncated: true });
  });
});
