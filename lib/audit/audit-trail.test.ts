import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry } from "./append-audit-entry";
import { verifyChain } from "./verify-chain";
import { contentHashOf, linkHashOf, nowMicros } from "@/lib/audit/entry-content";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

async function entries(orgId: string) {
  return db.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } });
}

/** Runs `tamper` as the database superuser would: with the append-only triggers switched off. */
async function asSuperuser(tamper: () => Promise<unknown>) {
  await db.$executeRawUnsafe(`ALTER TABLE audit_entries DISABLE TRIGGER USER`);
  try {
    await tamper();
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE audit_entries ENABLE TRIGGER USER`);
  }
}

describe("sign-up", () => {
  it("records the organization's creation and the sign-up as the first two links of a verified chain", async () => {
    const { org, user } = await createOwner();
    const trail = await entries(org.id);
    expect(trail.map((entry) => [entry.seq, entry.action])).toEqual([
      [1n, "org.created"],
      [2n, "user.signed_up"],
    ]);
    expect(trail[0].prevHash).toBe("0".repeat(64));
    expect(trail[1].prevHash).toBe(trail[0].hash);
    expect(trail[1]).toMatchObject({ actorType: "user", actorId: user.id, outcome: "success", ip: "203.0.113.7" });
    const result = await verifyChain({ db, orgId: org.id });
    expect(result).toMatchObject({ ok: true, checked: 2, headSeq: 2n, headHash: trail[1].hash, firstBad: null });
  });

  it("never stores the password in the audit trail", async () => {
    const { org, password } = await createOwner();
    const text = JSON.stringify(await entries(org.id), (_, value) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(text).not.toContain(password);
  });
});

describe("append-only at the database", () => {
  it("rejects UPDATE, DELETE and TRUNCATE of audit entries", async () => {
    const { org } = await createOwner();
    await expect(
      db.$executeRaw`UPDATE audit_entries SET action = 'forged' WHERE org_id = ${org.id}::uuid`,
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${org.id}::uuid`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`TRUNCATE audit_entries CASCADE`)).rejects.toThrow(/append-only/);
    expect(await entries(org.id)).toHaveLength(2);
  });
});

describe("atomic audit", () => {
  it("rolls the change back when its audit append fails", async () => {
    const { org } = await createOwner();
    const email = `ghost-${Date.now()}@example.test`;
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email, name: "Ghost", passwordHash: "x" } });
        // An action outside the catalog cannot be appended, so the whole change must go.
        await appendAuditEntry(tx, {
          orgId: org.id,
          action: "custom.Not Valid" as never,
          actor: { type: "system", id: null, display: null },
        });
      }),
    ).rejects.toThrow();
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await entries(org.id)).toHaveLength(2);
  });

  it("leaves no entry when the action fails after its append", async () => {
    const { org } = await createOwner();
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEntry(tx, {
          orgId: org.id,
          action: "custom.test.event",
          actor: { type: "system", id: null, display: null },
        });
        throw new Error("the action failed after its audit entry was appended");
      }),
    ).rejects.toThrow(/action failed/);
    expect(await entries(org.id)).toHaveLength(2);
    await appendEvents(db, org.id, 1);
    expect((await entries(org.id)).map((entry) => entry.seq)).toEqual([1n, 2n, 3n]);
    expect((await verifyChain({ db, orgId: org.id })).ok).toBe(true);
  });

  it("fails when the organization has no chain head instead of writing an unchained entry", async () => {
    await expect(
      db.$transaction((tx) =>
        appendAuditEntry(tx, {
          orgId: crypto.randomUUID(),
          action: "custom.test.event",
          actor: { type: "system", id: null, display: null },
        }),
      ),
    ).rejects.toThrow(/no audit chain head/);
  });
});

describe("verifyChain names the first tampered entry", () => {
  async function orgWithEntries(count: number) {
    const { org } = await createOwner();
    await appendEvents(db, org.id, count - 2);
    return org.id;
  }

  it("a changed field", async () => {
    const orgId = await orgWithEntries(8);
    await asSuperuser(
      () => db.$executeRaw`UPDATE audit_entries SET ip = '198.51.100.1' WHERE org_id = ${orgId}::uuid AND seq = 5`,
    );
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 5n, kind: "content" });
  });

  it("a changed metadata value, even with the content hash recomputed", async () => {
    const orgId = await orgWithEntries(8);
    await asSuperuser(
      () =>
        db.$executeRaw`UPDATE audit_entries SET metadata = '{"n": 99}', content_hash = repeat('a', 64)
                        WHERE org_id = ${orgId}::uuid AND seq = 4`,
    );
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 4n, kind: "content" });
  });

  it("a deleted middle entry", async () => {
    const orgId = await orgWithEntries(8);
    await asSuperuser(() => db.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = 6`);
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 6n, kind: "gap" });
  });

  it("a deleted last entry", async () => {
    const orgId = await orgWithEntries(8);
    await asSuperuser(() => db.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = 8`);
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 8n, kind: "gap" });
  });

  it("two swapped entries", async () => {
    const orgId = await orgWithEntries(8);
    await asSuperuser(async () => {
      await db.$executeRaw`UPDATE audit_entries SET seq = -1 WHERE org_id = ${orgId}::uuid AND seq = 3`;
      await db.$executeRaw`UPDATE audit_entries SET seq = 3 WHERE org_id = ${orgId}::uuid AND seq = 4`;
      await db.$executeRaw`UPDATE audit_entries SET seq = 4 WHERE org_id = ${orgId}::uuid AND seq = -1`;
    });
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 3n, kind: "order" });
  });

  it("a forged entry with a correctly computed hash inserted in the middle", async () => {
    const orgId = await orgWithEntries(8);
    const [before] = await db.$queryRaw<
      { hash: string }[]
    >`SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = 4`;
    const forged = {
      id: crypto.randomUUID(),
      orgId,
      occurredAt: nowMicros(),
      category: "custom",
      action: "custom.test.event",
      actor: { type: "system" as const, id: null, display: "test" },
      target: null,
      outcome: "success" as const,
      ip: null,
      userAgent: null,
      geo: null,
      requestId: null,
      metadata: { forged: true },
    };
    const contentHash = contentHashOf(forged);
    await asSuperuser(async () => {
      await db.$executeRaw`UPDATE audit_entries SET seq = -seq WHERE org_id = ${orgId}::uuid AND seq > 4`;
      await db.$executeRaw`UPDATE audit_entries SET seq = -seq + 1 WHERE org_id = ${orgId}::uuid AND seq < 0`;
      await db.$executeRaw`
        INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_display, outcome, metadata,
                                   content_hash, prev_hash, hash)
        VALUES (${forged.id}::uuid, ${orgId}::uuid, 5, ${forged.occurredAt}::timestamptz, 'custom', 'custom.test.event', 'system',
                'test', 'success',
                '{"forged": true}', ${contentHash}, ${before.hash}, ${linkHashOf(before.hash, contentHash)})`;
    });
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 5n, kind: "inserted" });
  });

  it("a forged entry appended beyond the chain head", async () => {
    const orgId = await orgWithEntries(6);
    const [last] = await db.$queryRaw<
      { hash: string }[]
    >`SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = 6`;
    await asSuperuser(
      () => db.$executeRaw`
        INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, outcome, metadata, content_hash,
                                   prev_hash, hash)
        VALUES (${crypto.randomUUID()}::uuid, ${orgId}::uuid, 7, now(), 'custom', 'custom.test.event', 'system', 'success', '{}',
                repeat('b', 64), ${last.hash}, repeat('c', 64))`,
    );
    expect((await verifyChain({ db, orgId })).firstBad).toMatchObject({ seq: 7n, kind: "inserted" });
  });

  it("reports progress while it reads the chain in pages", async () => {
    const orgId = await orgWithEntries(25);
    const progress: number[] = [];
    const result = await verifyChain({ db, orgId, batchSize: 10, onProgress: (checked) => progress.push(checked) });
    expect(result).toMatchObject({ ok: true, checked: 25 });
    expect(progress).toEqual([10, 20, 25]);
  });
});
