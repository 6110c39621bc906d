import { hash } from "node:crypto";
import { prepareAuditEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditBatch } from "@/lib/audit/append-batch";
import { CANONICAL_PARTS, canonicalTextOfRow, type VerifiedRow } from "@/lib/audit/verify-chain";
import { Prisma } from "@/lib/db/generated/client";
import { queryTextRows, type Db } from "@/lib/db/client";

/** Appends `count` customer events to the org's chain, `batch` entries per statement. */
export async function appendMany(db: Db, orgId: string, count: number, batch = 500): Promise<void> {
  for (let done = 0; done < count; done += batch) {
    const entries = Array.from({ length: Math.min(batch, count - done) }, (_, i) =>
      prepareAuditEntry({
        orgId,
        action: "custom.test.event",
        actor: { type: "system", id: null, display: "test" },
        metadata: { n: done + i },
      }),
    );
    await appendAuditBatch(db, entries);
  }
}

/**
 * Runs `tamper` as a database superuser would: with the triggers of the entries (append-only) and of the
 * chain heads (forward only) switched off.
 */
export async function asSuperuser(db: Db, tamper: () => Promise<unknown>): Promise<void> {
  await db.$executeRawUnsafe(`ALTER TABLE audit_entries DISABLE TRIGGER USER`);
  await db.$executeRawUnsafe(`ALTER TABLE audit_chain_heads DISABLE TRIGGER USER`);
  try {
    await tamper();
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE audit_chain_heads ENABLE TRIGGER USER`);
    await db.$executeRawUnsafe(`ALTER TABLE audit_entries ENABLE TRIGGER USER`);
  }
}

/**
 * The rewrite a linear chain cannot show: as a superuser, changes the actor of every entry from seq `from`
 * on and recomputes every content hash, chain hash and the head consistently, as a verifier would.
 */
export async function rewriteFrom(db: Db, orgId: string, from: number): Promise<void> {
  await asSuperuser(db, async () => {
    await db.$executeRaw`
      UPDATE audit_entries SET actor_display = 'rewritten' WHERE org_id = ${orgId}::uuid AND seq >= ${from}`;
    const rows = (await queryTextRows(
      db,
      Prisma.sql`SELECT seq::text AS seq, ${CANONICAL_PARTS}, content_hash::text AS content_hash,
                        prev_hash::text AS prev_hash, hash::text AS hash
                   FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq >= ${from - 1}
                  ORDER BY audit_entries.seq`,
    )) as VerifiedRow[];
    let prev = from === 1 ? "0".repeat(64) : rows[0][8];
    for (const row of from === 1 ? rows : rows.slice(1)) {
      const content = hash("sha256", canonicalTextOfRow(row));
      const link = hash("sha256", Buffer.from(prev + content, "hex"));
      await db.$executeRaw`
        UPDATE audit_entries SET content_hash = ${content}, prev_hash = ${prev}, hash = ${link}
         WHERE org_id = ${orgId}::uuid AND seq = ${BigInt(row[0])}`;
      prev = link;
    }
    await db.$executeRaw`UPDATE audit_chain_heads SET hash = ${prev} WHERE org_id = ${orgId}::uuid`;
  });
}

const moveHead = (db: Db, orgId: string, to: number) => db.$executeRaw`
  UPDATE audit_chain_heads h SET seq = e.seq, hash = e.hash, prev_hash = e.prev_hash
    FROM audit_entries e WHERE h.org_id = ${orgId}::uuid AND e.org_id = h.org_id AND e.seq = ${to}`;

/** The tail cut: as a superuser, deletes the entries after `keep` and moves the head back to entry `keep`. */
export async function cutTo(db: Db, orgId: string, keep: number): Promise<void> {
  await asSuperuser(db, async () => {
    await db.$executeRaw`DELETE FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq > ${keep}`;
    await moveHead(db, orgId, keep);
  });
}

/** As a superuser, moves the head back to entry `to` and leaves the entries after it: the next link collides. */
export async function moveHeadBackTo(db: Db, orgId: string, to: number): Promise<void> {
  await asSuperuser(db, () => moveHead(db, orgId, to));
}
