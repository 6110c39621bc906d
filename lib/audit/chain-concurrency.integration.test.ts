import { beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "./verify-chain";
import type { Db } from "@/lib/db/client";
import { isPostgres, testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";

/**
 * Forks can only show with real concurrent connections, so this runs on PostgreSQL
 * (the CI runs the suite a second time with DATABASE_URL set).
 */
describe.skipIf(!isPostgres())("concurrent appends on PostgreSQL", () => {
  let db: Db;
  beforeAll(() => {
    db = testDb();
  });

  async function expectContiguousVerifiedChain(orgId: string, expected: number) {
    const seqs = await db.$queryRaw<
      { seq: bigint }[]
    >`SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid ORDER BY seq`;
    expect(seqs.map((row) => Number(row.seq))).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    const forks = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_entries WHERE org_id = ${orgId}::uuid GROUP BY prev_hash HAVING count(*) > 1`;
    expect(forks).toEqual([]);
    const result = await verifyChain({ db, orgId });
    expect(result).toMatchObject({ ok: true, checked: expected, headSeq: BigInt(expected) });
  }

  it("32 writers × 100 appends to one organization give one contiguous chain with no fork", async () => {
    const { org } = await createOwner();
    await Promise.all(Array.from({ length: 32 }, () => appendEvents(db, org.id, 100)));
    await expectContiguousVerifiedChain(org.id, 2 + 32 * 100);
  });

  it("8 organizations appended in parallel each keep their own intact chain", async () => {
    const orgs = await Promise.all(Array.from({ length: 8 }, () => createOwner()));
    await Promise.all(orgs.flatMap(({ org }) => Array.from({ length: 4 }, () => appendEvents(db, org.id, 50))));
    for (const { org } of orgs) await expectContiguousVerifiedChain(org.id, 2 + 4 * 50);
  });
});

describe.skipIf(!isPostgres())("concurrent standalone appends (group commit) on PostgreSQL", () => {
  let db: Db;
  beforeAll(() => {
    db = testDb();
  });

  it("32 writers × 100 standalone appends to one org and to 8 orgs give contiguous, verified chains", async () => {
    const { appendAuditEntryOnItsOwn } = await import("./append-audit-entry-on-its-own");
    const owners = await Promise.all(Array.from({ length: 9 }, () => createOwner()));
    const [one, ...many] = owners.map(({ org }) => org.id);
    const writer = async (orgIds: string[], count: number) => {
      for (let i = 0; i < count; i++) {
        const orgId = orgIds[i % orgIds.length];
        await appendAuditEntryOnItsOwn(db, {
          orgId,
          action: "custom.test.event",
          actor: { type: "system", id: null, display: "w" },
          metadata: { i },
        });
      }
    };
    await Promise.all([
      ...Array.from({ length: 32 }, () => writer([one], 100)),
      ...Array.from({ length: 16 }, () => writer(many, 80)),
    ]);
    for (const orgId of [one]) {
      const result = await verifyChain({ db, orgId });
      expect(result).toMatchObject({ ok: true, checked: 2 + 3200 });
    }
    for (const orgId of many) {
      const result = await verifyChain({ db, orgId });
      expect(result).toMatchObject({ ok: true, checked: 2 + (16 * 80) / 8 });
    }
  });

  it("answers each caller on its own when one entry of a batch cannot be written", async () => {
    const { appendAuditEntryOnItsOwn } = await import("./append-audit-entry-on-its-own");
    const { org } = await createOwner();
    const event = (orgId: string) =>
      appendAuditEntryOnItsOwn(db, {
        orgId,
        action: "custom.test.event",
        actor: { type: "system", id: null, display: null },
      });
    const results = await Promise.allSettled([event(org.id), event(crypto.randomUUID()), event(org.id), event(org.id)]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((await verifyChain({ db, orgId: org.id })).checked).toBe(5);
  });
});
