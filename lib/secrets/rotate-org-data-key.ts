import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { createDataKey, dataKeyById } from "@/lib/crypto/org-data-keys";
import { openSecretBytes, sealSecretBytes } from "@/lib/crypto/secret-value-cipher";
import type { Db } from "@/lib/db/client";

/**
 * Re-encrypts every value of one organization under a new data key (`verity keys rotate --org … --data-key`),
 * in batches of one transaction each, then drops the retired keys no value uses any more. Resumable: when values
 * are still under an older key (an interrupted run), a rerun carries on under the current key instead of
 * making another. Each version is replaced only if it is still under the key it was read under.
 */
export async function rotateOrgDataKey(
  db: Db,
  { orgId, batchSize = 200 }: { orgId: string; batchSize?: number },
): Promise<{ dataKeyId: string; reencrypted: number; resumed: boolean }> {
  const current = await db.orgDataKey.findFirst({ where: { orgId, retiredAt: null }, select: { id: true } });
  const left = current ? await db.secretVersion.count({ where: { orgId, dataKeyId: { not: current.id } } }) : 0;
  const resumed = !!current && left > 0;
  const dataKeyId = resumed ? current.id : (await db.$transaction((tx) => createDataKey(tx, orgId))).id;
  let reencrypted = 0;
  for (;;) {
    const moved = await db.$transaction(async (tx) => {
      const rows = await tx.secretVersion.findMany({
        where: { orgId, dataKeyId: { not: dataKeyId } },
        select: { id: true, secretId: true, version: true, dataKeyId: true, ciphertext: true },
        take: batchSize,
      });
      const target = await dataKeyById(tx, orgId, dataKeyId);
      for (const row of rows) {
        const place = { orgId, secretId: row.secretId, version: row.version };
        // Bytes, not text: a file's bytes need not be UTF-8.
        const value = openSecretBytes(await dataKeyById(tx, orgId, row.dataKeyId), place, row.ciphertext);
        await tx.secretVersion.updateMany({
          where: { id: row.id, dataKeyId: row.dataKeyId },
          data: { dataKeyId, ciphertext: sealSecretBytes(target, place, value) },
        });
      }
      return rows.length;
    });
    reencrypted += moved;
    if (moved < batchSize) break;
  }
  await db.$transaction(async (tx) => {
    await tx.orgDataKey.deleteMany({ where: { orgId, retiredAt: { not: null }, versions: { none: {} } } });
    await appendAuditEntry(tx, {
      orgId,
      action: "secret.data_key_rotated",
      actor: SYSTEM_ACTOR,
      target: { type: "data_key", id: dataKeyId, display: null },
      metadata: { dataKeyId, reencrypted },
    });
  });
  return { dataKeyId, reencrypted, resumed };
}
