import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry } from "./append-audit-entry";
import { verifyChain } from "./verify-chain";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";

/**
 * The chain head moves only forward, with the entries it covers, for every role (migration
 * 20261206173000_chain_head_moves_forward_only). Runs on PGlite and on PostgreSQL; the concurrent
 * appends that must still pass are chain-concurrency.integration.test.ts.
 */
let db: Db;
beforeAll(() => {
  db = testDb();
});

const head = (orgId: string) => db.auditChainHead.findUniqueOrThrow({ where: { orgId } });
const entryAt = (orgId: string, seq: bigint) =>
  db.auditEntry.findUniqueOrThrow({ where: { orgId_seq: { orgId, seq } } });

async function orgWithEntries(extra: number) {
  const { org } = await createOwner();
  await appendEvents(db, org.id, extra);
  return org.id;
}

describe("the audit chain head", () => {
  it("refuses to move back, even to an earlier entry's exact hashes", async () => {
    const orgId = await orgWithEntries(3);
    const before = await head(orgId);
    const earlier = await entryAt(orgId, before.seq - 2n);
    await expect(
      db.$executeRaw`UPDATE audit_chain_heads SET seq = ${earlier.seq}, hash = ${earlier.hash},
                       prev_hash = ${earlier.prevHash} WHERE org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/only moves forward: seq 5 to 3 refused/);
    expect(await head(orgId)).toEqual(before);
    // Appends still work: the head was never moved.
    await appendEvents(db, orgId, 1);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, headSeq: before.seq + 1n });
  });

  it("refuses to move forward without the entries it would cover (a permanent gap)", async () => {
    const orgId = await orgWithEntries(1);
    const before = await head(orgId);
    await expect(
      db.$executeRaw`UPDATE audit_chain_heads SET seq = seq + 5 WHERE org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/cannot move to seq 8: no entry there/);
    await expect(
      db.$executeRaw`UPDATE audit_chain_heads SET updated_at = now() WHERE org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/only moves forward: seq 3 to 3 refused/);
    expect(await head(orgId)).toEqual(before);
  });

  it("refuses an entry written past the head, which would block every later append", async () => {
    const orgId = await orgWithEntries(0);
    const last = await entryAt(orgId, 2n);
    await expect(
      db.$executeRaw`INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, outcome,
                       metadata, content_hash, prev_hash, hash)
                     VALUES (${randomUUID()}::uuid, ${orgId}::uuid, 3, now(), 'custom', 'custom.forged', 'system', 'success',
                       '{}', ${"a".repeat(64)}, ${last.hash}, ${"b".repeat(64)})`,
    ).rejects.toThrow(/audit entry seq 3 of organization .* is past its chain head \(seq 2\)/);
    await appendEvents(db, orgId, 1);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, headSeq: 3n });
  });

  it("refuses to move over a gap even when it names an existing entry's hashes", async () => {
    const orgId = await orgWithEntries(0);
    // An entry at seq 5 with the head moved to it in the same statement, seqs 3 and 4 missing.
    await expect(
      db.$executeRaw`WITH forged AS (
                       INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, outcome,
                         metadata, content_hash, prev_hash, hash)
                       VALUES (${randomUUID()}::uuid, ${orgId}::uuid, 5, now(), 'custom', 'custom.forged', 'system',
                         'success', '{}', ${"a".repeat(64)}, ${"c".repeat(64)}, ${"b".repeat(64)})
                       RETURNING seq, hash, prev_hash)
                     UPDATE audit_chain_heads h SET seq = f.seq, hash = f.hash, prev_hash = f.prev_hash
                       FROM forged f WHERE h.org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/cannot move from seq 2 to 5: entries are missing in between/);
    expect((await head(orgId)).seq).toBe(2n);
  });

  it("refuses DELETE and TRUNCATE of head rows", async () => {
    const orgId = await orgWithEntries(0);
    await expect(db.$executeRaw`DELETE FROM audit_chain_heads WHERE org_id = ${orgId}::uuid`).rejects.toThrow(
      /audit chain heads stay: DELETE is not allowed/,
    );
    await expect(db.$executeRawUnsafe(`TRUNCATE audit_chain_heads CASCADE`)).rejects.toThrow(
      /audit chain heads stay: TRUNCATE is not allowed/,
    );
    expect((await head(orgId)).seq).toBe(2n);
  });

  it("starts only at the start of a chain", async () => {
    const org = await db.organization.create({ data: { name: "Headless", slug: `headless-${randomUUID()}` } });
    await expect(
      db.$executeRaw`INSERT INTO audit_chain_heads (org_id, seq, hash) VALUES (${org.id}::uuid, 4, ${"d".repeat(64)})`,
    ).rejects.toThrow(/must start at seq 0 with the genesis hash/);
    await db.$executeRaw`INSERT INTO audit_chain_heads (org_id) VALUES (${org.id}::uuid)`;
    await db.$transaction(async (tx) => {
      await appendAuditEntry(tx, {
        orgId: org.id,
        action: "custom.test.event",
        actor: { type: "system", id: null, display: "t" },
      });
      await appendAuditEntry(tx, {
        orgId: org.id,
        action: "custom.test.event",
        actor: { type: "system", id: null, display: "t" },
      });
    });
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true, headSeq: 2n });
  });
});
