import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { alertIfNewReader } from "./secret-readers";
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
  return record(tx, ctx, secret, version, value, "secret.revealed", now);
}

/**
 * Reads a value through the API (secrets.read, checked by the guard): recorded as secret.accessed by the key.
 * The secret and its version come in one query (the API's hot path), tenant-filtered by the key's organization.
 */
export async function accessSecret(
  tx: Tx,
  ctx: OrgContext,
  { name, version }: { name: string; version?: number },
  now = new Date(),
): Promise<TRevealedSecret> {
  const [row] = await tx.$queryRaw<({ id: string } & SealedVersionRow)[]>`
    SELECT s.id::text AS id, v.version, v.data_key_id::text AS "dataKeyId", v.ciphertext,
      v.file_name AS "fileName", v.file_content_type AS "fileContentType"
    FROM secrets s
    JOIN secret_versions v
      ON v.secret_id = s.id AND v.org_id = s.org_id AND v.version = COALESCE(${version ?? null}::int, s.current_version)
    WHERE s.org_id = ${ctx.org.id}::uuid AND s.name = ${name} AND s.deleted_at IS NULL`;
  if (!row) throw new AppError("not_found", `No secret "${name}"${version ? ` with version ${version}` : ""} here.`);
  const secret = { id: row.id, orgId: ctx.org.id, name };
  const value = await openSealedVersion(tx, secret, row);
  return record(tx, ctx, secret, row.version, value, "secret.accessed", now);
}

/** The reveal on the record: the audit entry (never the value), in the same transaction. */
async function record(
  tx: Tx,
  ctx: OrgContext,
  secret: { id: string; name: string },
  version: number,
  content: TRevealedContent,
  action: "secret.revealed" | "secret.accessed",
  now: Date,
): Promise<TRevealedSecret> {
  // A person's reveal marks the row; an API read (the hot path) is read back from its audit entry (list-secrets.ts).
  if (action === "secret.revealed")
    await tx.secret.update({ where: { id: secret.id }, data: { lastRevealedAt: now, lastRevealedBy: displayOf(ctx) } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action,
    target: secretTarget(secret),
    metadata: { name: secret.name, version },
  });
  await alertIfNewReader(tx, ctx, secret);
  return { name: secret.name, version, ...content };
}
