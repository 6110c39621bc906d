import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChainAndCheckpoints } from "@/lib/audit/integrate/verify-against-checkpoints";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { archiveOrg } from "./archive-org";
import { directoryStore } from "./directory-store";

let db: Db;
let root: string;
beforeAll(async () => {
  db = testDb();
  root = await mkdtemp(path.join(tmpdir(), "verity-archive-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function newOrg(entries: number): Promise<string> {
  const { org } = await createOwner();
  await appendMany(db, org.id, entries - 2); // sign-up wrote two
  return org.id;
}

const hotSeqs = async (orgId: string) =>
  (
    await db.$queryRaw<{ min: bigint | null; count: bigint }[]>`
    SELECT min(seq) AS min, count(*) AS count FROM audit_entries WHERE org_id = ${orgId}::uuid`
  )[0];

describe("archiveOrg", () => {
  it("moves whole segments of the old prefix to the store, removes them from PostgreSQL, and the chain still verifies", async () => {
    const orgId = await newOrg(1300);
    const store = directoryStore(root);
    const segments = await archiveOrg(db, store, { orgId, olderThanDays: 0, maxEntries: 500 });
    // Through the last full tile of the signed tree (1300 → 1280), in segments of at most 500.
    expect(segments.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([
      [1, 500],
      [501, 1000],
      [1001, 1280],
    ]);
    const hot = await hotSeqs(orgId);
    expect(hot.min).toBe(1281n);
    const archivedEntries = await db.auditEntry.findMany({
      where: { orgId, action: "audit.archived" },
      select: { metadata: true },
    });
    expect(archivedEntries.map((entry) => (entry.metadata as { toSeq: string }).toSeq)).toEqual([
      "500",
      "1000",
      "1280",
    ]);
    const chain = await verifyChain({ db, orgId });
    expect(chain).toMatchObject({ ok: true, archivedThrough: 1280n });
    const withCheckpoints = await verifyChainAndCheckpoints({ db, orgId });
    expect(withCheckpoints.ok).toBe(true);
  });
});
