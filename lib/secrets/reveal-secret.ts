import "server-only";
import type { z } from "zod";
import { appendAuditEntry, type AuditEvent } from "@/lib/audit/append-audit-entry";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import { auditedBy, type OrgContext } from "@/lib/context";
import { queryPrepared, type Db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { alertIfNewReader, isKnownReader } from "./secret-readers";
import { displayOf, findSecret, secretTarget } from "./secret-records";
import { ZRevealSecret, type TRevealedContent, type TRevealedSecret } from "./secret-schemas";
import { openSealedVersion, openSecretVersion, type SealedVersionRow } from "./secret-versions";

/**
 * Opens a value for a person in the panel, after a recent step-up: owners any version, a member it is shared with
 * (by name or by role) the current one. Every reveal is on the record (secret.revealed) in the same transaction.
 */
export async function revealSecret(
  tx: Tx,
  ctx: OrgContext,
  raw: z.input<typeof ZRevealSecret>,
  now = new Date(),
): Promise<TRevealedSecret> {
  const input = ZRevealSecret.parse(raw);
  await requireRecentStepUp(tx, ctx.principal);
  const secret = await findSecret(tx, ctx, { id: input.secretId });
  const version = input.version ?? secret.currentVersion;
  if (version !== secret.currentVersion && !ctx.permissions.includes("secrets.manage")) {
    throw new AppError("forbidden", "Only owners can reveal an earlier version.", undefined, {
      permission: "secrets.manage",
      reason: "earlier_version",
    });
  }
  const value = await openSecretVersion(tx, secret, version);
  return record(tx, ctx, secret, version, value, now);
}

/**
 * Reads a value through the API (secrets.read, checked by the guard): recorded as secret.accessed by the key, and
 * answered only once that entry has committed. An append that fails is an error, never the value.
 *
 * No interactive transaction on the common path (issue 19: a read added 4–5 ms to a key's request, mostly round
 * trips and the ORM's transaction bookkeeping). The secret and its version come in one prepared query, outside any
 * transaction (under READ COMMITTED one would give it no other snapshot), tenant-filtered by the key's organization.
 * A key this process already knows as a reader of the secret then has its read recorded by the group-committed
 * standalone appender, one statement and one commit, instead of BEGIN, the pending entry, COMMIT and the link after
 * it. A reader not known yet (its first read, or the first since this process started) goes the full way in one
 * transaction: the entry and its reader row commit together, and its first read raises the alert exactly once (the
 * reader row's insert decides it, concurrent first reads included). A read marks no row: the secrets list reads the
 * last one back from its audit entry (list-secrets.ts).
 */
export async function accessSecret(
  db: Db,
  ctx: OrgContext,
  { name, version }: { name: string; version?: number },
): Promise<TRevealedSecret> {
  const [row] = await queryPrepared<{ id: string } & SealedVersionRow>(
    db,
    "verity_secret_read",
    Prisma.sql`
    SELECT s.id::text AS id, v.version, v.data_key_id::text AS "dataKeyId", v.ciphertext,
      v.file_name AS "fileName", v.file_content_type AS "fileContentType"
    FROM secrets s
    JOIN secret_versions v
      ON v.secret_id = s.id AND v.org_id = s.org_id AND v.version = COALESCE(${version ?? null}::int, s.current_version)
    WHERE s.org_id = ${ctx.org.id}::uuid AND s.name = ${name} AND s.deleted_at IS NULL`,
  );
  if (!row) throw new AppError("not_found", `No secret "${name}"${version ? ` with version ${version}` : ""} here.`);
  const secret = { id: row.id, orgId: ctx.org.id, name };
  const content = await openSealedVersion(db, secret, row);
  const accessed = accessedEvent(ctx, secret, row.version);
  if (isKnownReader(ctx, secret.id)) {
    await appendAuditEntryOnItsOwn(db, accessed);
  } else {
    await db.$transaction(async (tx) => {
      await appendAuditEntry(tx, accessed);
      await alertIfNewReader(tx, ctx, secret);
    });
  }
  return { name, version: row.version, ...content };
}

/** The read on the record: who, which secret and version, never the value. */
const accessedEvent = (ctx: OrgContext, secret: { id: string; name: string }, version: number): AuditEvent => ({
  ...auditedBy(ctx),
  action: "secret.accessed",
  target: secretTarget(secret),
  metadata: { name: secret.name, version },
});

/** A person's reveal on the record: the row marked and the audit entry (never the value), in the same transaction. */
async function record(
  tx: Tx,
  ctx: OrgContext,
  secret: { id: string; name: string },
  version: number,
  content: TRevealedContent,
  now: Date,
): Promise<TRevealedSecret> {
  await tx.secret.update({ where: { id: secret.id }, data: { lastRevealedAt: now, lastRevealedBy: displayOf(ctx) } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.revealed",
    target: secretTarget(secret),
    metadata: { name: secret.name, version },
  });
  await alertIfNewReader(tx, ctx, secret);
  return { name: secret.name, version, ...content };
}
