import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  appendAuditEntry,
  appendAuditEntryLinkedNow,
  committedEntry,
  prepareAuditEntry,
  type AuditEvent,
  type PendingEntry,
} from "./append-audit-entry";
import { appendBatchParams, INSERT_PENDING_SQL, insertPendingEntries, LINK_CTES } from "./append-batch";
import { linkAllPendingEntries } from "./link-committed";
import { WORKER_JOBS } from "@/lib/worker/worker";
import { verifyChain } from "./verify-chain";
import type { Db } from "@/lib/db/client";
import { moveHeadBackTo } from "@/lib/testing/audit-tampering";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

/**
 * An entry appended in a transaction commits with it as a pending entry and is linked right after the commit, before
 * `$transaction` returns (link-committed.ts, migration 20261207100611_audit_link_after_commit): no business
 * transaction holds the org's chain head, and the entry still commits with the change or not at all.
 */
let db: Db;
beforeAll(() => {
  db = testDb();
});

const event = (orgId: string, n: number): AuditEvent => ({
  orgId,
  action: "custom.test.event",
  actor: { type: "system", id: null, display: "test" },
  metadata: { n },
});
const runWorkerJobOnce = (name: string) =>
  WORKER_JOBS.find((job) => job.name === name)!.run(db, new AbortController().signal, () => {});
const entriesOf = async (orgId: string) =>
  (
    await db.auditEntry.findMany({
      where: { orgId },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, metadata: true },
    })
  ).map((entry) => ({ ...entry, n: (entry.metadata as { n?: number }).n }));

describe("appending in a transaction, linked right after its commit", () => {
  it("links the transaction's entries at the commit, in the order appended, and leaves nothing pending", async () => {
    const { org } = await createOwner();
    const { org: other } = await createOwner();
    const ids = await db.$transaction(async (tx) => {
      const first = await appendAuditEntry(tx, event(org.id, 1));
      const elsewhere = await appendAuditEntry(tx, event(other.id, 2));
      const second = await appendAuditEntry(tx, event(org.id, 3));
      // Not in the chain before the commit: the head has not moved.
      expect(await tx.auditEntry.count({ where: { id: { in: [first.id, second.id, elsewhere.id] } } })).toBe(0);
      expect(await tx.auditChainHead.findUniqueOrThrow({ where: { orgId: org.id } })).toMatchObject({ seq: 2n });
      return [first, second];
    });
    expect((await entriesOf(org.id)).slice(2)).toMatchObject([
      { id: ids[0].id, seq: 3n, n: 1 },
      { id: ids[1].id, seq: 4n, n: 3 },
    ]);
    expect((await entriesOf(other.id)).slice(2)).toMatchObject([{ seq: 3n, n: 2 }]);
    expect(await db.auditPendingEntry.count({ where: { orgId: { in: [org.id, other.id] } } })).toBe(0);
    for (const orgId of [org.id, other.id]) expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });

  it("leaves no entry when the change rolls back", async () => {
    const { org } = await createOwner();
    let appended: PendingEntry | undefined;
    await expect(
      db.$transaction(async (tx) => {
        appended = await appendAuditEntry(tx, event(org.id, 1));
        throw new Error("the change fails after its entry was appended");
      }),
    ).rejects.toThrow(/the change fails/);
    await expect(committedEntry(db, appended!)).rejects.toThrow(/not in the chain/);
    expect(await db.auditPendingEntry.count({ where: { orgId: org.id } })).toBe(0);
    expect(await entriesOf(org.id)).toHaveLength(2);
  });

  it("fails the commit, change included, when an entry cannot be linked", async () => {
    const { org } = await createOwner();
    const missing = "00000000-0000-4000-8000-000000000023";
    await expect(
      db.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: org.id }, data: { name: "renamed without its entry" } });
        await appendAuditEntry(tx, event(org.id, 1));
        await appendAuditEntry(tx, event(missing, 2));
      }),
    ).rejects.toThrow(/no audit chain head/);
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).not.toMatchObject({
      name: "renamed without its entry",
    });
    expect(await entriesOf(org.id)).toHaveLength(2);
  });

  it("keeps the order of appends when an entry is linked now after entries waiting for the commit", async () => {
    const { org } = await createOwner();
    const now = await db.$transaction(async (tx) => {
      await appendAuditEntry(tx, event(org.id, 1));
      const linked = await appendAuditEntryLinkedNow(tx, event(org.id, 2));
      await appendAuditEntry(tx, event(org.id, 3));
      return linked;
    });
    expect(now.seq).toBe(4n);
    expect((await entriesOf(org.id)).slice(2).map((entry) => entry.n)).toEqual([1, 2, 3]);
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true, checked: 5 });
  });

  it("links, at the commit, the entries of a savepoint that stood and none of one rolled back", async () => {
    const { org } = await createOwner();
    await db.$transaction(async (tx) => {
      await appendAuditEntry(tx, event(org.id, 1));
      await tx.$executeRawUnsafe("SAVEPOINT s1");
      await appendAuditEntry(tx, event(org.id, 2));
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT s1");
      await tx.$executeRawUnsafe("SAVEPOINT s2");
      await appendAuditEntry(tx, event(org.id, 3));
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT s2");
    });
    expect((await entriesOf(org.id)).slice(2).map((entry) => entry.n)).toEqual([1, 3]);
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true, checked: 4 });
  });

  it("gives a pending entry its own transaction and a place drawn at its commit, whatever the insert says", async () => {
    const { org } = await createOwner();
    // Inserted around appendAuditEntry (no link after the commit): the sweep links it.
    const own = await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO audit_pending_entries (pending_id, tx_id, commit_order, id, org_id, occurred_at,
                       category, action, actor_type, outcome, metadata, content_hash)
                     VALUES (1, 1, 1, gen_random_uuid(), ${org.id}::uuid, now(), 'custom', 'custom.x', 'system',
                             'success', '{}'::jsonb, repeat('0', 64))`;
      return (await tx.$queryRaw<{ own: bigint }[]>`SELECT txid_current() AS own`)[0].own;
    });
    const [row] = await db.auditPendingEntry.findMany({ where: { orgId: org.id } });
    expect(row.txId).toBe(own);
    expect(row.pendingId).not.toBe(1n);
    expect(row.commitOrder).toBeGreaterThan(row.pendingId);
    expect(await linkAllPendingEntries(db, org.id)).toBe(1);
    expect(await db.auditPendingEntry.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("leaves a transaction's entries pending when its process stops before linking: verify says pending, the sweep links", async () => {
    const { org } = await createOwner();
    // The commit without the link after it (insertPendingEntries is appendAuditEntry less its after-commit link).
    await db.$transaction((tx) => insertPendingEntries(tx, [prepareAuditEntry(event(org.id, 1))]));
    expect(await entriesOf(org.id)).toHaveLength(2);
    expect(await db.auditPendingEntry.count({ where: { orgId: org.id } })).toBe(1);
    // Inside a transaction verification cannot link: it reports the entry as pending, the chain as intact.
    expect(await db.$transaction((tx) => verifyChain({ db: tx, orgId: org.id }))).toMatchObject({
      ok: true,
      checked: 2,
      pending: 1,
      firstBad: null,
    });
    // The next transaction of the org links what committed before it first, then its own.
    await db.$transaction((tx) => appendAuditEntry(tx, event(org.id, 2)));
    expect((await entriesOf(org.id)).slice(2).map((entry) => entry.n)).toEqual([1, 2]);
    await db.$transaction((tx) => insertPendingEntries(tx, [prepareAuditEntry(event(org.id, 3))]));
    expect(await runWorkerJobOnce("audit pending links")).toBeUndefined();
    expect((await entriesOf(org.id)).slice(2).map((entry) => entry.n)).toEqual([1, 2, 3]);
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true, checked: 5, pending: 0 });
  });

  it("sweeps past an organization whose entries cannot be linked: logs it, leaves them pending, links the others", async () => {
    const { org: moved } = await createOwner();
    const { org: fine } = await createOwner();
    await db.$transaction((tx) => insertPendingEntries(tx, [prepareAuditEntry(event(moved.id, 1))]));
    await db.$transaction((tx) => insertPendingEntries(tx, [prepareAuditEntry(event(fine.id, 2))]));
    // A superuser moves the head of one organization back to its first entry: its pending entry's link collides.
    await moveHeadBackTo(db, moved.id, 1);
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args.join(" ")));
    try {
      expect(await runWorkerJobOnce("audit pending links")).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect(logged.join("\n")).toContain(`organization ${moved.id} stay pending: duplicate key`);
    expect(logged.join("\n")).not.toContain("custom.test.event");
    expect(await db.auditPendingEntry.count({ where: { orgId: moved.id } })).toBe(1);
    expect((await entriesOf(fine.id)).slice(2).map((entry) => entry.n)).toEqual([2]);
    expect(await db.auditPendingEntry.count({ where: { orgId: fine.id } })).toBe(0);
  });

  it("links transactions committing together in groups: each returns linked, and a moved head fails only its own", async () => {
    const owners = await Promise.all(Array.from({ length: 6 }, () => createOwner()));
    const [moved, ...fine] = owners.map(({ org }) => org.id);
    await moveHeadBackTo(db, moved, 1);
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args.join(" ")));
    try {
      // Three rounds of a transaction per organization, all at once: most commit while another's link runs.
      await Promise.all(
        [...fine, moved].flatMap((orgId) =>
          [1, 2, 3].map(async (n) => {
            const entry = await db.$transaction((tx) => appendAuditEntry(tx, event(orgId, n)));
            // Returned: its own entry is linked already, unless its organization's head was moved. (Another round of
            // the same organization may have committed meanwhile and be pending until its own link runs.)
            if (orgId !== moved) expect(await db.auditEntry.count({ where: { id: entry.id } })).toBe(1);
          }),
        ),
      );
    } finally {
      spy.mockRestore();
    }
    for (const orgId of fine) {
      expect(
        (await entriesOf(orgId))
          .slice(2)
          .map((entry) => entry.n)
          .sort(),
      ).toEqual([1, 2, 3]);
      expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, checked: 5, pending: 0 });
    }
    expect(await db.auditPendingEntry.count({ where: { orgId: moved } })).toBe(3);
    expect(logged.join("\n")).toMatch(/after commit: audit\.link failed.*duplicate key/);
  });

  it("commits a link without waiting for its flush only in a transaction that wrote nothing before it", async () => {
    const { org } = await createOwner();
    await db.$transaction((tx) => insertPendingEntries(tx, [prepareAuditEntry(event(org.id, 1))]));
    // After a business write in the same transaction: refused, so no change of the organization commits unflushed.
    await expect(
      db.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: org.id }, data: { name: "renamed" } });
        await tx.$queryRaw`SELECT * FROM verity_link_committed_audit_entries(ARRAY[${org.id}::uuid], NULL)`;
      }),
    ).rejects.toThrow(/linked in a transaction of their own/);
    expect(await db.auditPendingEntry.count({ where: { orgId: org.id } })).toBe(1);
    // On its own: it links, and only its own commit skips the flush.
    const setting = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT * FROM verity_link_committed_audit_entries(ARRAY[${org.id}::uuid], NULL)`;
      return tx.$queryRaw<{ synchronous_commit: string }[]>`SHOW synchronous_commit`;
    });
    expect(setting[0].synchronous_commit).toBe("off");
    expect((await db.$queryRaw<{ synchronous_commit: string }[]>`SHOW synchronous_commit`)[0].synchronous_commit).toBe(
      "on",
    );
    expect((await entriesOf(org.id)).slice(2).map((entry) => entry.n)).toEqual([1]);
  });

  it("links with the very statement the group commit uses (one linking SQL)", () => {
    const dir = path.join(process.cwd(), "prisma/migrations");
    const defining = readdirSync(dir)
      .sort()
      .map((name) => path.join(dir, name, "migration.sql"))
      .filter((file) => {
        try {
          return /FUNCTION verity_link_pending_audit_entries\(orgs/.test(readFileSync(file, "utf8"));
        } catch {
          return false;
        }
      })
      .at(-1);
    const squash = (sql: string) => sql.replace(/\s+/g, " ").trim();
    expect(defining).toBeDefined();
    expect(squash(readFileSync(defining!, "utf8"))).toContain(squash(LINK_CTES));
  });
});

/**
 * Real concurrent transactions, only on PostgreSQL: many writers append to one organization and to several, some
 * transactions roll back, some append several entries or to two organizations. Each transaction's start and end
 * are stamped with a logical clock (a counter, not a time): a transaction that had committed before another began
 * must come first in the chain.
 */
describe.skipIf(!isPostgres())("concurrent transactions linked at commit on PostgreSQL", () => {
  it("give contiguous, verified chains in commit order, without the rolled-back entries", async () => {
    const owners = await Promise.all(Array.from({ length: 5 }, () => createOwner()));
    const [one, ...several] = owners.map(({ org }) => org.id);
    let clock = 0;
    type Done = { entries: { orgId: string; id: string }[]; start: number; end: number };
    const committed: Done[] = [];
    const rolledBack: string[] = [];
    const transaction = async (writer: number, i: number) => {
      const orgId = writer % 2 === 0 ? one : several[(writer + i) % several.length];
      const orgIds = i % 7 === 3 ? [orgId, several[i % several.length]] : [orgId];
      const count = i % 5 === 4 ? 3 : 1;
      const rollBack = i % 6 === 5;
      const entries: Done["entries"] = [];
      const start = clock++;
      try {
        await db.$transaction(
          async (tx) => {
            for (const target of orgIds)
              for (let k = 0; k < count; k++)
                entries.push({ orgId: target, id: (await appendAuditEntry(tx, event(target, writer * 1000 + i))).id });
            if (rollBack) throw new Error("rolled back");
            // More writers than pooled connections: on a loaded machine a writer may wait long for one.
          },
          { maxWait: 60_000, timeout: 60_000 },
        );
        committed.push({ entries, start, end: clock++ });
      } catch (error) {
        if (!rollBack) throw error;
        rolledBack.push(...entries.map((entry) => entry.id));
      }
    };
    await Promise.all(
      Array.from({ length: 24 }, async (_, writer) => {
        for (let i = 0; i < 30; i++) await transaction(writer, i);
      }),
    );

    expect(rolledBack.length).toBeGreaterThan(0);
    expect(await db.auditEntry.count({ where: { id: { in: rolledBack } } })).toBe(0);
    expect(await db.auditPendingEntry.count({ where: { orgId: { in: [one, ...several] } } })).toBe(0);
    for (const orgId of [one, ...several]) {
      const chain = await db.auditEntry.findMany({
        where: { orgId },
        orderBy: { seq: "asc" },
        select: { id: true, seq: true },
      });
      const mine = committed
        .map((done) => ({
          ...done,
          ids: done.entries.filter((entry) => entry.orgId === orgId).map((entry) => entry.id),
        }))
        .filter((done) => done.ids.length > 0);
      const expected = 2 + mine.reduce((n, done) => n + done.ids.length, 0);
      expect(chain.map((entry) => Number(entry.seq))).toEqual(Array.from({ length: expected }, (_, k) => k + 1));
      expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, checked: expected });

      // Each transaction's entries of this org are consecutive, in the order appended.
      const seqOf = new Map(chain.map((entry) => [entry.id, Number(entry.seq)]));
      const placed = mine.map((done) => ({ ...done, seqs: done.ids.map((id) => seqOf.get(id) ?? NaN) }));
      for (const { seqs } of placed) expect(seqs).toEqual(seqs.map((_, k) => seqs[0] + k));
      // Commit order: no transaction that ended before another began comes after it in the chain.
      const bySeq = placed.sort((a, b) => a.seqs[0] - b.seqs[0]);
      let laterEnd = Infinity;
      for (let k = bySeq.length - 1; k >= 0; k--) {
        expect(laterEnd).toBeGreaterThan(bySeq[k].start);
        laterEnd = Math.min(laterEnd, bySeq[k].end);
      }
    }
  });
});

describe.skipIf(!isPostgres())("entries left unlinked, in commit order, on PostgreSQL", () => {
  it("links committed entries in the order their transactions committed, not the order they were appended", async () => {
    const { org } = await createOwner();
    const url = process.env.DATABASE_URL!;
    const [early, late] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([early.connect(), late.connect()]);
    try {
      // `early` appends first (the lower pending_id) but commits last; neither links (a process that stopped).
      await early.query("BEGIN");
      await early.query(INSERT_PENDING_SQL, appendBatchParams([prepareAuditEntry(event(org.id, 2))]));
      await late.query("BEGIN");
      await late.query(INSERT_PENDING_SQL, appendBatchParams([prepareAuditEntry(event(org.id, 1))]));
      await late.query("COMMIT");
      await early.query("COMMIT");
    } finally {
      await Promise.all([early.end(), late.end()]);
    }
    // The next transaction's link takes them first, in commit order, then its own entry.
    await db.$transaction((tx) => appendAuditEntry(tx, event(org.id, 3)));
    expect((await entriesOf(org.id)).slice(2).map((entry) => entry.n)).toEqual([1, 2, 3]);
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true, checked: 5, pending: 0 });
  });
});
