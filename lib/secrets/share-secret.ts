import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertManages, displayOf, findSecret, secretTarget } from "./secret-records";
import { ZShareSecret, ZUnshareSecret } from "./secret-schemas";

/** Lets a member, or everyone of a role, reveal the secret's current version (reveal only: never change it). */
export async function shareSecret(tx: Tx, ctx: OrgContext, raw: z.input<typeof ZShareSecret>, now = new Date()) {
  assertManages(ctx);
  const input = ZShareSecret.parse(raw);
  const secret = await findSecret(tx, ctx, { id: input.secretId });
  let member: string | undefined;
  if (input.with.kind === "user") {
    // Only a member of this organization: another organization's user id answers like an unknown one.
    const membership = await tx.membership.findFirst({
      where: { orgId: ctx.org.id, userId: input.with.userId },
      select: { user: { select: { email: true } } },
    });
    if (!membership) throw new AppError("not_found", "No such member in this organization.");
    member = membership.user.email;
  }
  const userId = input.with.kind === "user" ? input.with.userId : null;
  const role = input.with.kind === "role" ? input.with.role : null;
  const existing = await tx.secretShare.findFirst({ where: { secretId: secret.id, orgId: ctx.org.id, userId, role } });
  if (existing) throw new AppError("conflict", `"${secret.name}" is already shared with ${member ?? `every ${role}`}.`);
  const share = await tx.secretShare.create({
    data: { secretId: secret.id, orgId: ctx.org.id, userId, role, createdAt: now, createdByDisplay: displayOf(ctx) },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.shared",
    target: secretTarget(secret),
    metadata: { name: secret.name, with: input.with.kind, ...(member ? { member } : { role: role! }) },
  });
  return share;
}

export async function unshareSecret(tx: Tx, ctx: OrgContext, raw: z.input<typeof ZUnshareSecret>) {
  assertManages(ctx);
  const input = ZUnshareSecret.parse(raw);
  const secret = await findSecret(tx, ctx, { id: input.secretId });
  const share = await tx.secretShare.findFirst({
    where: { id: input.shareId, secretId: secret.id, orgId: ctx.org.id },
  });
  if (!share) throw new AppError("not_found", "This secret is not shared that way.");
  await tx.secretShare.delete({ where: { id: share.id } });
  const member = share.userId
    ? (await tx.user.findUnique({ where: { id: share.userId }, select: { email: true } }))?.email
    : undefined;
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.unshared",
    target: secretTarget(secret),
    metadata: {
      name: secret.name,
      with: share.userId ? "user" : "role",
      ...(share.userId ? { member: member ?? share.userId } : { role: share.role! }),
    },
  });
}
