import "server-only";
import { LEGACY_TOTP_PURPOSE, sealTotpSecret } from "@/lib/auth/totp";
import { legacySealedRetired } from "@/lib/crypto/legacy-sealed";
import { open } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { legacyMailBodyPurpose, sealMailBody } from "@/lib/mail";
import { sealSigningSecret } from "@/lib/webhooks/sealed-signing-secret";
import { SECRET_PURPOSE } from "@/lib/webhooks/signing";

export type Conversion = {
  totpSeeds: number;
  signingSecrets: number;
  mailBodies: number;
  unreadable: number;
  /** The old form is retired: the marker was there already, or this run found nothing left and wrote it. */
  retired: boolean;
};

/**
 * The data migration to envelope encryption: every TOTP seed (active or pending), webhook signing secret and outbox
 * mail body still sealed directly under the instance key ("v1:", lib/crypto/secret-box) is re-sealed in place, a
 * seed and a mail body under the platform data key, a signing secret under its organization's data key, each bound
 * to its row. The column is overwritten, so neither the old ciphertext nor any plaintext stays in the row. Each row
 * is a compare-and-set (only if it still holds what was read), so it is safe beside live traffic and beside another
 * instance doing the same at start; an interrupted run is resumed by the next (the old form is what it looks for).
 * A value that does not open under this instance's key is left as it is and counted: the instance key check
 * refuses such an instance before this runs.
 *
 * A whole run (no scope) that leaves nothing in the old form writes the retirement marker in the same statement
 * that checks (lib/crypto/legacy-sealed.ts): from then on readers refuse "v1:" values, and later runs stop at the
 * marker (so a "v1:" value put back afterwards is never converted into a valid one). `userIds`/`endpointIds`/
 * `mailIds` limit a run (tests sharing a database); a limited run never writes the marker.
 */
export async function convertLegacySealed(
  db: Db,
  {
    batchSize = 500,
    userIds,
    endpointIds,
    mailIds,
  }: { batchSize?: number; userIds?: string[]; endpointIds?: string[]; mailIds?: string[] } = {},
): Promise<Conversion> {
  const result: Conversion = { totpSeeds: 0, signingSecrets: 0, mailBodies: 0, unreadable: 0, retired: false };
  if (await legacySealedRetired(db)) return { ...result, retired: true };
  // A limited run touches only what it names: a kind it names nothing of is left alone.
  const limited = !!(userIds || endpointIds || mailIds);
  const only = (ids: string[] | undefined) => (limited ? (ids ?? []) : undefined);
  await convertSeeds(db, batchSize, only(userIds), result);
  await convertSigningSecrets(db, batchSize, only(endpointIds), result);
  await convertMailBodies(db, batchSize, only(mailIds), result);
  if (!limited) result.retired = (await retireIfNoneLeft(db)) > 0;
  return result;
}

/** Writes the marker only if no "v1:" value is left in any column that held one: one statement, check and write. */
function retireIfNoneLeft(db: Db): Promise<number> {
  return db.$executeRaw`
    INSERT INTO legacy_sealed_retirement (id)
    SELECT true WHERE NOT EXISTS (SELECT 1 FROM users WHERE totp_secret LIKE 'v1:%' OR totp_pending_secret LIKE 'v1:%')
      AND NOT EXISTS (SELECT 1 FROM webhook_secrets WHERE sealed LIKE 'v1:%')
      AND NOT EXISTS (SELECT 1 FROM mail_outbox WHERE sealed_text LIKE 'v1:%')
    ON CONFLICT (id) DO NOTHING`;
}

type MailRow = { id: string; sealed_text: string };

async function convertMailBodies(db: Db, batchSize: number, mailIds: string[] | undefined, result: Conversion) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.$queryRaw<MailRow[]>`
      SELECT id::text AS id, sealed_text FROM mail_outbox
      WHERE sealed_text LIKE 'v1:%' AND id > ${after}::uuid
        AND (${mailIds ?? null}::uuid[] IS NULL OR id = ANY(${mailIds ?? null}::uuid[]))
      ORDER BY id LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    for (const row of rows) {
      const text = openOrNull(row.sealed_text, legacyMailBodyPurpose(row.id));
      if (text === null) {
        result.unreadable++;
        continue;
      }
      result.mailBodies += await db.$transaction(async (tx) => {
        const sealed = await sealMailBody(tx, row.id, text);
        return tx.$executeRaw`
          UPDATE mail_outbox SET sealed_text = ${sealed} WHERE id = ${row.id}::uuid AND sealed_text = ${row.sealed_text}`;
      });
    }
    after = rows[rows.length - 1]!.id;
  }
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
