import "server-only";
import { LEGACY_TOTP_PURPOSE, sealTotpSecret } from "@/lib/auth/totp";
import { open } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { sealSigningSecret } from "@/lib/webhooks/sealed-signing-secret";
import { SECRET_PURPOSE } from "@/lib/webhooks/signing";

export type Conversion = { totpSeeds: number; signingSecrets: number; unreadable: number };

/**
 * The data migration to envelope encryption: every TOTP seed (active or pending) and webhook signing secret still
 * sealed directly under the instance key ("v1:", lib/crypto/secret-box) is re-sealed in place, a seed under the
 * platform data key, a signing secret under its organization's data key, each bound to its row. The column is
 * overwritten, so neither the old ciphertext nor any plaintext stays in the row. Each row is a compare-and-set
 * (only if it still holds what was read), so it is safe beside live traffic and beside another instance doing the
 * same at start; an interrupted run is resumed by the next (the old form is what it looks for). A value that does
 * not open under this instance's key is left as it is and counted: the instance key check refuses such an
 * instance before this runs. `userIds`/`endpointIds` limit it (tests sharing a database).
 */
export async function convertLegacySealed(
  db: Db,
  { batchSize = 500, userIds, endpointIds }: { batchSize?: number; userIds?: string[]; endpointIds?: string[] } = {},
): Promise<Conversion> {
  const result: Conversion = { totpSeeds: 0, signingSecrets: 0, unreadable: 0 };
  await convertSeeds(db, batchSize, userIds, result);
  await convertSigningSecrets(db, batchSize, endpointIds, result);
  return result;
}

type SeedRow = { id: string; totp_secret: string | null; totp_pending_secret: string | null };

async function convertSeeds(db: Db, batchSize: number, userIds: string[] | undefined, result: Conversion) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.$queryRaw<SeedRow[]>`
      SELECT id::text AS id, totp_secret, totp_pending_secret FROM users
      WHERE (totp_secret LIKE 'v1:%' OR totp_pending_secret LIKE 'v1:%') AND id > ${after}::uuid
        AND (${userIds ?? null}::uuid[] IS NULL OR id = ANY(${userIds ?? null}::uuid[]))
      ORDER BY id LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    for (const row of rows) {
      for (const column of ["totp_secret", "totp_pending_secret"] as const) {
        const old = row[column];
        if (!old?.startsWith("v1:")) continue;
        const seed = openOrNull(old, LEGACY_TOTP_PURPOSE);
        if (seed === null) {
          result.unreadable++;
          continue;
        }
        const sealed = await sealTotpSecret(db, row.id, seed);
        const count =
          column === "totp_secret"
            ? await db.$executeRaw`UPDATE users SET totp_secret = ${sealed} WHERE id = ${row.id}::uuid AND totp_secret = ${old}`
            : await db.$executeRaw`
                UPDATE users SET totp_pending_secret = ${sealed} WHERE id = ${row.id}::uuid AND totp_pending_secret = ${old}`;
        result.totpSeeds += count;
      }
    }
    after = rows[rows.length - 1]!.id;
  }
}

type SigningRow = { id: string; endpoint_id: string; org_id: string; sealed: string };

async function convertSigningSecrets(db: Db, batchSize: number, endpointIds: string[] | undefined, result: Conversion) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.$queryRaw<SigningRow[]>`
      SELECT s.id::text AS id, s.endpoint_id::text AS endpoint_id, e.org_id::text AS org_id, s.sealed
      FROM webhook_secrets s JOIN webhook_endpoints e ON e.id = s.endpoint_id
      WHERE s.sealed LIKE 'v1:%' AND s.id > ${after}::uuid
        AND (${endpointIds ?? null}::uuid[] IS NULL OR s.endpoint_id = ANY(${endpointIds ?? null}::uuid[]))
      ORDER BY s.id LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    for (const row of rows) {
      const secret = openOrNull(row.sealed, SECRET_PURPOSE);
      if (secret === null) {
        result.unreadable++;
        continue;
      }
      result.signingSecrets += await db.$transaction(async (tx) => {
        const place = { orgId: row.org_id, endpointId: row.endpoint_id, secretId: row.id };
        const sealed = await sealSigningSecret(tx, place, secret);
        return tx.$executeRaw`
          UPDATE webhook_secrets SET sealed = ${sealed} WHERE id = ${row.id}::uuid AND sealed = ${row.sealed}`;
      });
    }
    after = rows[rows.length - 1]!.id;
  }
}

function openOrNull(sealed: string, purpose: string): string | null {
  try {
    return open(sealed, purpose);
  } catch {
    return null;
  }
}
