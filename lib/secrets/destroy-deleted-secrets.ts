import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { SECRET_RESTORE_DAYS } from "./secret-schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The worker's end of a delete: secrets deleted more than 30 days ago lose their versions (the ciphertexts) and
 * shares for good, one transaction and one secret.destroyed entry each. The row delete is the claim: of two
 * workers, the one that deletes nothing writes nothing. `orgIds` limits it (tests sharing a database).
 */
export async function destroyDeletedSecrets(
  db: Db,
  { now = new Date(), orgIds, limit = 100 }: { now?: Date; orgIds?: string[]; limit?: number } = {},
): Promise<number> {
  const due = await db.secret.findMany({
    where: {
      deletedAt: { lt: new Date(now.getTime() - SECRET_RESTORE_DAYS * DAY_MS) },
      ...(orgIds ? { orgId: { in: orgIds } } : {}),
    },
    select: { id: true, orgId: true, name: true, deletedAt: true },
    take: limit,
  });
  let destroyed = 0;
  for (const secret of due) {
    await db.$transaction(async (tx) => {
      const versions = await tx.secretVersion.count({ where: { secretId: secret.id } });
      const { count } = await tx.secret.deleteMany({ where: { id: secret.id, deletedAt: secret.deletedAt } });
      if (count === 0) return;
      destroyed++;
      await appendAuditEntry(tx, {
        orgId: secret.orgId,
        action: "secret.destroyed",
        actor: SYSTEM_ACTOR,
        target: { type: "secret", id: secret.id, display: secret.name },
        metadata: { name: secret.name, versions },
      });
    });
  }
  return destroyed;
}
