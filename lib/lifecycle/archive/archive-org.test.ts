import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prepareAuditEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditBatch } from "@/lib/audit/append-batch";
import { loadLogSigner } from "@/lib/audit/checkpoints/log-keys";
import { exportAuditBundle } from "@/lib/audit/export/export-audit-bundle";
import { linesOf } from "@/lib/audit/export/bundle-file-lines";
import { verifyAuditBundle } from "@/lib/audit/export/verify-audit-bundle";
import { verifyChainAndCheckpoints } from "@/lib/audit/integrate/verify-against-checkpoints";
import { commands } from "@/lib/cli/commands";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { directoryTestStore, readObject, s3TestStore, type TestArchiveStore } from "@/lib/testing/archive-test-stores";
import { archiveOrg } from "./archive-org";
import { readText } from "./archive-store";
import { planArchive } from "./plan-archive";
import { restoreFromArchive } from "./restore-from-archive";
import type { s3Store } from "./s3-store";
import { manifestKey, segmentName } from "./segment-format";
import { verifyArchive } from "./verify-archive";
import { writeSegment } from "./write-segment";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-archive-test-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function newOrg(entries: number): Promise<string> {
  const { org } = await createOwner();
  await appendMany(db, org.id, entries - 2); // sign-up wrote two
  return org.id;
}

const hot = async (orgId: string) =>
  (
    await db.$queryRaw<{ first: bigint | null; count: bigint }[]>`
      SELECT min(seq) AS first, count(*) AS count FROM audit_entries WHERE org_id = ${orgId}::uuid`
  )[0];

/** Every store a test opened, stopped at the end (each S3 store runs its own s3rver). */
const opened: TestArchiveStore[] = [];
afterAll(() => Promise.all(opened.map((test) => test.stop())));
const keep = (test: TestArchiveStore) => (opened.push(test), test);
const openDirectory = async () => keep(await directoryTestStore(scratch));
const openS3 = async () => keep(await s3TestStore());

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

describe.each([
  ["directory", openDirectory],
  ["S3 (s3rver)", openS3],
] as const)("the archive in a %s store", (_kind, open) => {
  let test: TestArchiveStore;
  beforeAll(async () => {
    test = await open();
  });

  it("moves whole segments of the old prefix out of PostgreSQL; hot and archive verify as one chain", async () => {
    const orgId = await newOrg(1300);
    const segments = await archiveOrg(db, test.store, { orgId, olderThanDays: 0, maxEntries: 500 });
    // Through the last full tile of the signed tree (1300 → 1280), in segments of at most 500 entries.
    expect(segments.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([
      [1, 500],
      [501, 1000],
      [1001, 1280],
    ]);
    expect((await hot(orgId)).first).toBe(1281n);
    const recorded = await db.auditEntry.findMany({
      where: { orgId, action: "audit.archived" },
      select: { metadata: true },
      orderBy: { seq: "asc" },
    });
    expect(recorded.map((entry) => (entry.metadata as { toSeq: string }).toSeq)).toEqual(["500", "1000", "1280"]);
    const chain = await verifyChainAndCheckpoints({ db, orgId });
    expect(chain).toMatchObject({ ok: true, archivedThrough: 1280n, firstBad: null });
    expect(chain.checkpoints.problem).toBeNull();
    const reports = await verifyArchive(db, test.store, orgId);
    expect(reports.map((report) => [report.fromSeq, report.toSeq, report.problem])).toEqual([
      [1n, 500n, null],
      [501n, 1000n, null],
      [1001n, 1280n, null],
    ]);
    // A bundle export starts after the archive, linked to its last hash; one asked from inside it is refused.
    const bundle = await exportAuditBundle(db, { orgId });
    const verified = await verifyAuditBundle(linesOf(bundle.stream));
    expect(verified).toMatchObject({ ok: true, fromSeq: 1281 });
    await expect(exportAuditBundle(db, { orgId, fromSeq: 5n })).rejects.toThrow(
      /Entries 1\.\.1280 are in the archive, not in the database: a bundle of them comes from `verity archive restore`/,
    );
    // Nothing more is due until the tree has another full tile: a second run archives nothing.
    expect(await archiveOrg(db, test.store, { orgId, olderThanDays: 0, maxEntries: 500 })).toEqual([]);
  });

  it("closes a segment where the calendar month of its entries changes", async () => {
    const { org } = await createOwner(); // two entries now, then 298 from January 2025 and 300 from February
    const dated = (n: number) => `2025-0${n < 298 ? 1 : 2}-${String(1 + (n % 28)).padStart(2, "0")}T12:00:00.000000Z`;
    for (let at = 0; at < 598; at += 299) {
      const batch = Array.from({ length: 299 }, (_, i) =>
        prepareAuditEntry({
          orgId: org.id,
          action: "custom.test.event",
          actor: { type: "system", id: null, display: "test" },
          occurredAt: dated(at + i),
        }),
      );
      await appendAuditBatch(db, batch);
    }
    const segments = await archiveOrg(db, test.store, { orgId: org.id, olderThanDays: 0 });
    expect(segments.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([
      [1, 2],
      [3, 300],
      [301, 512],
    ]);
  });

  it("keeps entries younger than the window", async () => {
    const orgId = await newOrg(600);
    expect(await archiveOrg(db, test.store, { orgId, olderThanDays: 1 })).toEqual([]);
    expect((await hot(orgId)).count).toBe(600n);
  });

  it("names an altered segment and a missing one, by name and range", async () => {
    const orgId = await newOrg(600);
    await archiveOrg(db, test.store, { orgId, olderThanDays: 0, maxEntries: 256 });
    const [first, second] = [segmentName(orgId, 1, 256), segmentName(orgId, 257, 512)];
    // The first customer event (seq 3, after sign-up's two) gets another actor, gzipped again: it no longer hashes.
    const lines = gunzipSync(Buffer.from((await readObject(test.store, `${first}.ndjson.gz`))!)).toString("utf8");
    await test.overwrite(`${first}.ndjson.gz`, gzipSync(lines.replace('"display":"test"', '"display":"someone else"')));
    await test.remove(manifestKey(second));
    const reports = await verifyArchive(db, test.store, orgId);
    expect(reports.map(({ name, fromSeq, toSeq, problem }) => ({ name, fromSeq, toSeq, problem }))).toEqual([
      { name: first, fromSeq: 1n, toSeq: 256n, problem: "altered" },
      { name: second, fromSeq: 257n, toSeq: 512n, problem: "missing" },
    ]);
    expect(reports[0].reason).toMatch(/entry line 3: the content of entry seq 3 was changed/);
    await expect(
      restoreFromArchive(db, test.store, { orgId, fromSeq: 200n, toSeq: 300n, out: path.join(scratch, "x") }),
    ).rejects.toThrow(`segment ${first} (entries 1..256) is altered`);
  });

  it("resumes a run that died after writing a segment and before pruning it: nothing lost, the same range recorded", async () => {
    const orgId = await newOrg(600);
    const start = await planArchive(db, { orgId, olderThanDays: 0 });
    expect(start).toMatchObject({ fromSeq: 1n, throughSeq: 512n });
    const written = await writeSegment(db, test.store, start!, { maxEntries: 300 });
    expect([written.fromSeq, written.toSeq]).toEqual([1, 300]);
    // The run died here: the objects are in the store, every entry still in PostgreSQL.
    expect((await hot(orgId)).count).toBeGreaterThanOrEqual(600n);
    const segments = await archiveOrg(db, test.store, { orgId, olderThanDays: 0, maxEntries: 300 });
    expect(segments.map(({ fromSeq, toSeq, resumed }) => [fromSeq, toSeq, resumed])).toEqual([
      [1, 300, true],
      [301, 512, false],
    ]);
    expect((await hot(orgId)).first).toBe(513n);
    expect((await verifyChainAndCheckpoints({ db, orgId })).ok).toBe(true);
    expect((await verifyArchive(db, test.store, orgId)).every((report) => report.problem === null)).toBe(true);
  });

  it("restores a range that spans segments into a bundle that verity verify-export accepts", async () => {
    const orgId = await newOrg(800);
    await archiveOrg(db, test.store, { orgId, olderThanDays: 0, maxEntries: 256 });
    const out = path.join(scratch, `restored-${orgId}.bundle.ndjson`);
    const header = await restoreFromArchive(db, test.store, { orgId, fromSeq: 200n, toSeq: 700n, out });
    expect(header).toMatchObject({ fromSeq: 200, toSeq: 700, count: 501 });
    expect(await verifyExport(out, "--log-key", loadLogSigner().verifierKey)).toBe(0);
    expect(output.join("")).toMatch(/intact: 501 entries, seq 200\.\.700/);
    expect(output.join("")).toMatch(/signed checkpoint verified/);
    // A range beyond the archive is refused, saying what the archive holds.
    await expect(restoreFromArchive(db, test.store, { orgId, fromSeq: 700n, toSeq: 790n, out })).rejects.toThrow(
      "entries 700..790 are not all in the archive (it holds entries through 768)",
    );
  });
});

describe("the database", () => {
  it("refuses a DELETE of entries that is not whole recorded segments at the start of the chain, even as the owner", async () => {
    const orgId = await newOrg(600);
    const rows = await db.$queryRaw<{ seq: bigint; prev_hash: string; hash: string }[]>`
      SELECT seq, prev_hash, hash FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq IN (1, 100, 101, 200) ORDER BY seq`;
    const bySeq = new Map(rows.map((row) => [Number(row.seq), row]));
    const recordSegment = (
      tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
      from: number,
      to: number,
    ) => tx.$executeRaw`
      INSERT INTO audit_archive_segments (org_id, from_seq, to_seq, first_prev_hash, last_hash, object_key, object_sha256,
                                          object_bytes, checkpoint_size, first_occurred_at, last_occurred_at)
      VALUES (${orgId}::uuid, ${from}, ${to}, ${bySeq.get(from)!.prev_hash}, ${bySeq.get(to)!.hash}, 'k', ${"0".repeat(64)},
              1, ${to}, now(), now())`;
    // Nothing recorded: entries are append-only.
    await expect(
      db.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq <= 100`,
    ).rejects.toThrow(/in no archived segment: entries are append-only/);
    // A hole in a recorded segment, or the second segment while the first is still there.
    const attempt = (remove: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<unknown>) =>
      db.$transaction(async (tx) => {
        await recordSegment(tx, 1, 100);
        await recordSegment(tx, 101, 200);
        await remove(tx);
      });
    await expect(
      attempt((tx) => tx.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = 50`),
    ).rejects.toThrow(/would leave a hole/);
    await expect(
      attempt((tx) => tx.$queryRaw`SELECT verity_prune_archived_segment(${orgId}::uuid, 101::bigint)`),
    ).rejects.toThrow(/would leave a hole/);
    await expect(
      attempt(
        (tx) => tx.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq BETWEEN 1 AND 150`,
      ),
    ).rejects.toThrow(/would leave a hole/);
    await expect(
      attempt((tx) => tx.$queryRaw`SELECT verity_prune_archived_segment(${orgId}::uuid, 7::bigint)`),
    ).rejects.toThrow(/no archived segment of organization .* starts at seq 7/);
    // A segment that does not follow on from the archive is refused when it is recorded.
    await expect(db.$transaction((tx) => recordSegment(tx, 101, 200))).rejects.toThrow(/does not follow on/);
    // Archived segments themselves never change.
    expect((await hot(orgId)).count).toBe(600n);
    const archived = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM audit_archive_segments WHERE org_id = ${orgId}::uuid`;
    expect(archived[0].count).toBe(0n);
  });

  it("keeps recorded segments as they were written", async () => {
    const orgId = await newOrg(600);
    const test = await openDirectory();
    await archiveOrg(db, test.store, { orgId, olderThanDays: 0 });
    await expect(
      db.$executeRaw`UPDATE audit_archive_segments SET last_hash = ${"0".repeat(64)} WHERE org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_archive_segments WHERE org_id = ${orgId}::uuid`).rejects.toThrow(
      /append-only/,
    );
    expect(await readText(test.store, manifestKey(segmentName(orgId, 1, 512)))).toContain('"toSeq": 512');
  });
});

describe("an S3 bucket without Object Lock", () => {
  it("is archived to with plain objects: s3rver does not implement Object Lock, so no retention lock is asked for", async () => {
    const { store } = await openS3();
    expect(await (store as ReturnType<typeof s3Store>).objectLock()).toBe(false);
  });
});
