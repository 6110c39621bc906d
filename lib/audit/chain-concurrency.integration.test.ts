import { beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit";
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
    const seqs = await db.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid ORDER BY seq`;
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
