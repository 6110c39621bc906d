import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertManages, displayOf, findSecret, secretTarget } from "./secret-records";
import { SECRET_RESTORE_DAYS, ZSecretRef } from "./secret-schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Soft delete: nobody can reveal it any more; owners can restore it for 30 days, then the worker destroys it. */
export async function deleteSecret(tx: Tx, ctx: OrgContext, ref: { id: string } | { name: string }, now = new Date()) {
  assertManages(ctx);
  const secret = await findSecret(tx, ctx, ref);
  await tx.secret.update({ where: { id: secret.id }, data: { deletedAt: now, deletedByDisplay: displayOf(ctx) } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.deleted",
    target: secretTarget(secret),
    metadata: { name: secret.name },
  });
  return secret;
}

export async function restoreSecret(tx: Tx, ctx: OrgContext, raw: z.input<typeof ZSecretRef>, now = new Date()) {
  assertManages(ctx);
  const input = ZSecretRef.parse(raw);
  const secret = await findSecret(tx, ctx, { id: input.secretId }, { deleted: true });
  if (now.getTime() - secret.deletedAt!.getTime() > SECRET_RESTORE_DAYS * DAY_MS)
    throw new AppError("conflict", "This secret was deleted more than 30 days ago and is being destroyed.");
  await tx.secret.update({ where: { id: secret.id }, data: { deletedAt: null, deletedByDisplay: null } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.restored",
    target: secretTarget(secret),
    metadata: { name: secret.name },
  });
  return secret;
}
