import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordVerificationOnItsOwn } from "@/lib/audit/record-verification";
import { verifyChainAndCheckpoints } from "@/lib/audit/integrate/verify-against-checkpoints";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { archiveOrg } from "./archive-org";
import { archivedRangeView } from "./archived-range";
import { directoryStore } from "./directory-store";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-archived-range-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("the archived range the audit trail screen shows", () => {
  it("is nothing for an organization whose trail is all in PostgreSQL", async () => {
    const { org } = await createOwner();
    await appendMany(db, org.id, 20);
    expect(await archivedRangeView(db, org.id)).toBeNull();
  });

  it("names the archived prefix, when its last entry happened, its segments and where the hot trail starts", async () => {
    const owner = await createOwner();
    const { org } = owner;
    await appendMany(db, org.id, 598); // sign-up wrote two
    const segments = await archiveOrg(db, directoryStore(scratch), {
      orgId: org.id,
      olderThanDays: 0,
      maxEntries: 200,
    });
    const throughSeq = segments.at(-1)!.toSeq;
    expect(segments.length).toBeGreaterThan(1);

    const [last, firstHot] = await Promise.all([
      db.$queryRaw<{ occurred_at: Date }[]>`
        SELECT last_occurred_at AS occurred_at FROM audit_archive_segments
         WHERE org_id = ${org.id}::uuid AND to_seq = ${BigInt(throughSeq)}`,
      db.auditEntry.findFirst({
        where: { orgId: org.id },
        orderBy: { seq: "asc" },
        select: { seq: true, occurredAt: true },
      }),
    ]);
    expect(firstHot!.seq).toBe(BigInt(throughSeq) + 1n);
    expect(await archivedRangeView(db, org.id)).toEqual({
      throughSeq: String(throughSeq),
      lastArchivedAt: last[0].occurred_at.toISOString(),
      segments: segments.length,
      firstHotAt: firstHot!.occurredAt.toISOString(),
    });

    // The verification result the panel shows names the same range.
    const chain = await verifyChainAndCheckpoints({ db, orgId: org.id });
    const view = await recordVerificationOnItsOwn(db, orgContextFor(owner, org), chain);
    expect(view).toMatchObject({ ok: true, archivedThrough: String(throughSeq) });
  });
});
