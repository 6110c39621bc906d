import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  appendAuditEntry,
  appendAuditEntryLinkedNow,
  committedEntry,
  type AuditEvent,
  type PendingEntry,
} from "./append-audit-entry";
import { LINK_CTES } from "./append-batch";
import { verifyChain } from "./verify-chain";
import type { Db } from "@/lib/db/client";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

/**
 * An entry appended in a transaction is linked at that transaction's commit (a deferred constraint trigger,
 * migration 20261207064500_audit_link_at_commit): the org's chain head is locked only while the commit links,
 * and the entry still commits with the change or not at all.
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
const entriesOf = async (orgId: string) =>
  (
    await db.auditEntry.findMany({
      where: { orgId },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, metadata: true },
    })
  ).map((entry) => ({ ...entry, n: (entry.metadata as { n?: number }).n }));

describe("appending in a transaction, linked at its commit", () => {
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

  it("refuses, for the application, a pending entry claimed for another transaction", async () => {
    const { org } = await createOwner();
    await expect(
      db.$executeRaw`INSERT INTO audit_pending_entries (tx_id, id, org_id, occurred_at, category, action, actor_type,
                       outcome, metadata, content_hash)
                     VALUES (1, gen_random_uuid(), ${org.id}::uuid, now(), 'custom', 'custom.x', 'system', 'success',
                             '{}'::jsonb, repeat('0', 64))`,
    ).rejects.toThrow(/audit_pending_entries_own_transaction/);
  });

  it("links with the very statement the group commit uses (one linking SQL)", () => {
    const dir = path.join(process.cwd(), "prisma/migrations");
    const defining = readdirSync(dir)
      .sort()
      .map((name) => path.join(dir, name, "migration.sql"))
      .filter((file) => {
        try {
          return /FUNCTION verity_link_pending_audit_entries\(\)/.test(readFileSync(file, "utf8"));
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
