import "server-only";
import type { Db } from "@/lib/db/client";
import { keyProvider } from "./key-provider";
import { dataKeyContext } from "./org-data-keys";
import { platformDataKeyContext } from "./platform-data-keys";

/**
 * Re-wraps every data key not yet under the provider's current key-encryption key, in batches, without touching
 * any value sealed under them (the data keys themselves do not change). Each row is updated only if its wrap is
 * still the one read (compare-and-set), so two rotations at once, or a rotation beside a new org's first secret,
 * never lose a key. Resumable: a rerun picks up what is left. `orgIds` limits it (tests sharing a database); without
 * it the platform data keys (TOTP seeds) are re-wrapped too.
 */
export async function rewrapDataKeys(
  db: Db,
  { batchSize = 2_000, orgIds }: { batchSize?: number; orgIds?: string[] } = {},
): Promise<{ kekId: string; rewrapped: number }> {
  const provider = keyProvider();
  const kekId = await provider.currentKeyId();
  let rewrapped = orgIds ? 0 : await rewrapPlatformDataKeys(db, kekId);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.orgDataKey.findMany({
      where: { kekId: { not: kekId }, id: { gt: after }, ...(orgIds ? { orgId: { in: orgIds } } : {}) },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, orgId: true, kekId: true, wrappedKey: true },
    });
    if (rows.length === 0) return { kekId, rewrapped };
    const wraps = await Promise.all(
      rows.map(async (row) => {
        const context = dataKeyContext(row.orgId, row.id);
        const key = await provider.unwrap({ kekId: row.kekId, wrapped: row.wrappedKey }, context);
        return provider.wrap(key, context);
      }),
    );
    rewrapped += await db.$executeRaw`
      UPDATE org_data_keys AS k SET kek_id = u.kek_id, wrapped_key = u.wrapped
      FROM unnest(${rows.map((row) => row.id)}::uuid[], ${wraps.map((wrap) => wrap.kekId)}::text[],
                  ${wraps.map((wrap) => wrap.wrapped)}::text[], ${rows.map((row) => row.wrappedKey)}::text[])
           AS u(id, kek_id, wrapped, old)
      WHERE k.id = u.id AND k.wrapped_key = u.old`;
    after = rows[rows.length - 1]!.id;
  }
}

/** The platform's few data keys (TOTP seeds), one compare-and-set update each. */
async function rewrapPlatformDataKeys(db: Db, kekId: string): Promise<number> {
  const provider = keyProvider();
  const rows = await db.platformDataKey.findMany({ where: { kekId: { not: kekId } } });
  let rewrapped = 0;
  for (const row of rows) {
    const context = platformDataKeyContext(row.id);
    const key = await provider.unwrap({ kekId: row.kekId, wrapped: row.wrappedKey }, context);
    const wrap = await provider.wrap(key, context);
    const { count } = await db.platformDataKey.updateMany({
      where: { id: row.id, wrappedKey: row.wrappedKey },
      data: { kekId: wrap.kekId, wrappedKey: wrap.wrapped },
    });
    rewrapped += count;
  }
  return rewrapped;
}
