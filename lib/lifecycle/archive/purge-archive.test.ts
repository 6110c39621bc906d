import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareAuditEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditBatch } from "@/lib/audit/append-batch";
import type { AuditAction } from "@/lib/audit/event-catalog";
import { verifyChainAndCheckpoints } from "@/lib/audit/integrate/verify-against-checkpoints";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { startS3Server } from "@/lib/testing/s3-server";
import { createLegalHold } from "../legal-hold-create";
import { releaseLegalHold } from "../legal-hold-release";
import type { TCreateLegalHold } from "../legal-hold-schemas";
import { archiveOrg } from "./archive-org";
import { readText, type ArchiveStore } from "./archive-store";
import { directoryStore } from "./directory-store";
import { purgeArchive } from "./purge-archive";
import { restoreFromArchive } from "./restore-from-archive";
import { s3Store } from "./s3-store";
import { entriesKey, manifestKey, segmentName } from "./segment-format";
import { verifyArchive } from "./verify-archive";

let db: Db;
let scratch: string;
let s3Server: Awaited<ReturnType<typeof startS3Server>> | undefined;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-purge-test-"));
});
afterAll(async () => {
  await s3Server?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const newDirectoryStore = async () => directoryStore(await mkdtemp(path.join(scratch, "directory-")));

async function newS3Store(): Promise<ArchiveStore> {
  const bucket = "verity-purge";
  s3Server ??= await startS3Server(bucket);
  return s3Store({
    bucket,
    endpoint: s3Server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
  });
}

/** Default retention is seven years (2557 days): on this day January 2025 is past it, June 2025 is not. */
const MARCH_2032 = new Date("2032-03-01T00:00:00Z");

/**
 * An organization whose archive holds three segments (one per calendar month): its sign-up (seqs 1..2, now),
 * January 2025 (3..256, with one signed contract) and June 2025 (257..512); 513..556 stay in PostgreSQL.
 */
async function orgWithArchive(store: ArchiveStore) {
  const owner = await createOwner();
  const event = (occurredAt: string, action: AuditAction = "custom.test.event") =>
    prepareAuditEntry({
      orgId: owner.org.id,
      action,
      actor: { type: "system", id: null, display: "test" },
      occurredAt,
    });
  const day = (i: number) => String(1 + (i % 28)).padStart(2, "0");
  const january = Array.from({ length: 254 }, (_, i) =>
    event(`2025-01-${day(i)}T12:00:00.000000Z`, i === 100 ? "custom.contract.signed" : undefined),
  );
  await appendAuditBatch(db, january);
  await appendAuditBatch(
    db,
    Array.from({ length: 300 }, (_, i) => event(`2025-06-${day(i)}T12:00:00.000000Z`)),
  );
  const segments = await archiveOrg(db, store, { orgId: owner.org.id, olderThanDays: 0 });
  expect(segments.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([
    [1, 2],
    [3, 256],
    [257, 512],
  ]);
  return { owner, orgId: owner.org.id, january: segmentName(owner.org.id, 3, 256) };
}

type Owner = Awaited<ReturnType<typeof createOwner>>;
const place = (owner: Owner, input: TCreateLegalHold) =>
  db.$transaction((tx) => createLegalHold(tx, orgContextFor(owner, owner.org, "OWNER"), input));
const release = (owner: Owner, holdId: string) =>
  db.$transaction((tx) =>
    releaseLegalHold(tx, orgContextFor(owner, owner.org), { holdId, reason: "The matter is closed." }),
  );

const ranges = (run: { purged: { fromSeq: bigint; toSeq: bigint }[] }) =>
  run.purged.map(({ fromSeq, toSeq }) => [fromSeq, toSeq]);
const purgedEntries = (orgId: string) =>
  db.auditEntry.findMany({ where: { orgId, action: "audit.purged" }, select: { metadata: true, targetId: true } });

describe.each([
  ["directory", newDirectoryStore],
  ["S3 (s3rver)", newS3Store],
] as const)("the purge at the end of retention, in a %s store", (_kind, open) => {
  it("deletes a segment past retention, records it with audit.purged, and keeps the one inside it", async () => {
    const store = await open();
    const { orgId, january } = await orgWithArchive(store);
    const sha256 = JSON.parse((await readText(store, manifestKey(january)))!).object.sha256 as string;
    // Not yet: nothing is past seven years today.
    expect(await purgeArchive(db, store, { orgId })).toEqual({ purged: [], held: [], unreadable: [] });

    const run = await purgeArchive(db, store, { orgId, now: MARCH_2032 });
    expect(ranges(run)).toEqual([[3n, 256n]]);
    expect(await store.read(entriesKey(january))).toBeNull();
    expect(await readText(store, manifestKey(january))).toBeNull();
    expect(await readText(store, manifestKey(segmentName(orgId, 257, 512)))).not.toBeNull();
    const records = await db.$queryRaw<
      { from_seq: bigint; to_seq: bigint; object_key: string; object_sha256: string }[]
    >`
      SELECT from_seq, to_seq, object_key, object_sha256 FROM audit_archive_purges WHERE org_id = ${orgId}::uuid`;
    expect(records).toEqual([{ from_seq: 3n, to_seq: 256n, object_key: entriesKey(january), object_sha256: sha256 }]);
    const [audited] = await purgedEntries(orgId);
    expect(audited.metadata).toMatchObject({
      fromSeq: "3",
      toSeq: "256",
      objectKey: entriesKey(january),
      objectSha256: sha256,
      retentionDays: 2557,
    });

    // A second run finds nothing more; verification names the purged range and still checks the others.
    expect(await purgeArchive(db, store, { orgId, now: MARCH_2032 })).toEqual({ purged: [], held: [], unreadable: [] });
    const reports = await verifyArchive(db, store, orgId);
    expect(
      reports.map(({ fromSeq, toSeq, problem, purgedAt }) => [fromSeq, toSeq, problem, purgedAt !== null]),
    ).toEqual([
      [1n, 2n, null, false],
      [3n, 256n, null, true],
      [257n, 512n, null, false],
    ]);
    expect((await verifyChainAndCheckpoints({ db, orgId })).ok).toBe(true);
    // A restore says the range was purged rather than that a segment is missing; later ranges still restore.
    const out = path.join(scratch, `restored-${orgId}.ndjson`);
    await expect(restoreFromArchive(db, store, { orgId, fromSeq: 200n, toSeq: 300n, out })).rejects.toThrow(
      /entries 3\.\.256 were purged at the end of retention on 2032-03-01/,
    );
    expect(await restoreFromArchive(db, store, { orgId, fromSeq: 300n, toSeq: 400n, out })).toMatchObject({
      count: 101,
    });
  });
});

describe("the purge at the end of retention", () => {
  let store: ArchiveStore;
  beforeAll(async () => {
    store = await newDirectoryStore();
  });

  it("waits while a whole-org legal hold is active, and goes once it is released", async () => {
    const { owner, orgId, january } = await orgWithArchive(store);
    const hold = await place(owner, { name: "Northwind dispute", matter: "Case 24-118", scope: { kind: "org" } });
    const held = await purgeArchive(db, store, { orgId, now: MARCH_2032 });
    expect(held).toEqual({
      purged: [],
      held: [{ fromSeq: 3n, toSeq: 256n, holds: ["Northwind dispute"] }],
      unreadable: [],
    });
    expect(await readText(store, manifestKey(january))).not.toBeNull();
    expect(await purgedEntries(orgId)).toEqual([]);
    expect((await verifyArchive(db, store, orgId)).every((report) => report.purgedAt === null)).toBe(true);

    await release(owner, hold.id);
    expect(ranges(await purgeArchive(db, store, { orgId, now: MARCH_2032 }))).toEqual([[3n, 256n]]);
    expect(await readText(store, manifestKey(january))).toBeNull();
  });

  it("holds a segment by the dates of all its entries, not only of its first and last", async () => {
    const { owner, orgId, january } = await orgWithArchive(store);
    // January's entries are in chain order 1st, 2nd, … 28th, 1st, …: its first and last entries are of Jan 1 and 2.
    const manifest = JSON.parse((await readText(store, manifestKey(january)))!) as Record<string, string>;
    expect([manifest.firstOccurredAt, manifest.lastOccurredAt]).toEqual([
      "2025-01-01T12:00:00.000000Z",
      "2025-01-02T12:00:00.000000Z",
    ]);
    expect([manifest.minOccurredAt, manifest.maxOccurredAt]).toEqual([
      "2025-01-01T12:00:00.000000Z",
      "2025-01-28T12:00:00.000000Z",
    ]);
    const hold = await place(owner, {
      name: "Mid-January",
      matter: "m",
      scope: { kind: "dates", from: "2025-01-20", until: "2025-01-21" },
    });
    const held = await purgeArchive(db, store, { orgId, now: MARCH_2032 });
    expect(held).toEqual({ purged: [], held: [{ fromSeq: 3n, toSeq: 256n, holds: ["Mid-January"] }], unreadable: [] });
    await release(owner, hold.id);
    expect(ranges(await purgeArchive(db, store, { orgId, now: MARCH_2032 }))).toEqual([[3n, 256n]]);
  });

  it("checks a search hold against the entries read back from the archive: it holds only what it matches", async () => {
    const { owner, orgId, january } = await orgWithArchive(store);
    // Matches nothing in the segment: the purge goes on regardless of this one.
    await place(owner, { name: "Refunds", matter: "m", scope: { kind: "query", query: "action:custom.refund.*" } });
    const contracts = await place(owner, {
      name: "Contracts",
      matter: "m",
      scope: { kind: "query", query: "action:custom.contract.*" },
    });
    const held = await purgeArchive(db, store, { orgId, now: MARCH_2032 });
    expect(held).toEqual({ purged: [], held: [{ fromSeq: 3n, toSeq: 256n, holds: ["Contracts"] }], unreadable: [] });
    expect(await store.read(entriesKey(january))).not.toBeNull();

    await release(owner, contracts.id);
    expect(ranges(await purgeArchive(db, store, { orgId, now: MARCH_2032 }))).toEqual([[3n, 256n]]);
  });

  it("never purges an organization that keeps its trail forever", async () => {
    const { orgId } = await orgWithArchive(store);
    await db.retentionPolicy.create({ data: { orgId, retentionDays: null, hotWindowDays: 400 } });
    const run = await purgeArchive(db, store, { orgId, now: new Date("2200-01-01T00:00:00Z") });
    expect(run).toEqual({ purged: [], held: [], unreadable: [] });
    expect((await verifyArchive(db, store, orgId)).map((report) => [report.problem, report.purgedAt])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("records before it deletes: a run that dies deleting leaves a purged range, whose objects the next run removes", async () => {
    const { orgId, january } = await orgWithArchive(store);
    const failing: ArchiveStore = {
      ...store,
      delete: async () => {
        throw new Error("the store went away");
      },
    };
    await expect(purgeArchive(db, failing, { orgId, now: MARCH_2032 })).rejects.toThrow("the store went away");
    expect(await purgedEntries(orgId)).toHaveLength(1);
    expect(await readText(store, manifestKey(january))).not.toBeNull();
    expect((await verifyArchive(db, store, orgId))[1]).toMatchObject({ fromSeq: 3n, problem: null });

    // The next run (any day) deletes what the recorded purge left, and records nothing twice.
    expect(await purgeArchive(db, store, { orgId })).toEqual({ purged: [], held: [], unreadable: [] });
    expect(await store.read(entriesKey(january))).toBeNull();
    expect(await readText(store, manifestKey(january))).toBeNull();
    expect(await purgedEntries(orgId)).toHaveLength(1);
  });

  it("never records a missing or altered object as purged: it names it and leaves the archive as it found it", async () => {
    const { orgId, january } = await orgWithArchive(store);
    await store.putText(entriesKey(january), "not the object that was archived");
    const run = await purgeArchive(db, store, { orgId, now: MARCH_2032 });
    expect(run.unreadable).toEqual([{ fromSeq: 3n, toSeq: 256n, key: entriesKey(january) }]);
    expect(run.purged).toEqual([]);
    expect(await purgedEntries(orgId)).toEqual([]);
    expect(await readText(store, manifestKey(january))).not.toBeNull();
    const missing: ArchiveStore = {
      ...store,
      read: async (key) => (key === entriesKey(january) ? null : store.read(key)),
    };
    expect((await purgeArchive(db, missing, { orgId, now: MARCH_2032 })).unreadable).toHaveLength(1);
    expect(await purgedEntries(orgId)).toEqual([]);
  });

  it("keeps purge records as they were written", async () => {
    const { orgId } = await orgWithArchive(store);
    await purgeArchive(db, store, { orgId, now: MARCH_2032 });
    await expect(db.$executeRaw`DELETE FROM audit_archive_purges WHERE org_id = ${orgId}::uuid`).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.$executeRaw`UPDATE audit_archive_purges SET to_seq = 1 WHERE org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/append-only/);
  });
});
