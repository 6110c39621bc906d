import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { findMember, lockMemberships, memberTarget, requireStepUpForOwnerRole } from "./membership-rules";

export const ZTransferOwnership = z.object({ userId: z.uuid("Choose a member.") });

/**
 * Hands the organization to another member: they become an owner and the current owner an admin.
 * Needs a recent step-up, like every grant or removal of the Owner role.
 */
export async function transferOwnership({
  ctx,
  tx,
  input,
}: {
  ctx: OrgContext;
  tx: Tx;
  input: z.infer<typeof ZTransferOwnership>;
}) {
  if (ctx.role !== "OWNER") {
    throw new AppError("forbidden", "Only an owner can transfer ownership.", undefined, {
      permission: "org.transfer_ownership",
      reason: "not_an_owner",
    });
  }
  await lockMemberships(tx, ctx.org.id);
  const member = await findMember(tx, ctx.org.id, input.userId, "org.transfer_ownership");
  if (member.user.id === ctx.principal.userId) throw new AppError("conflict", "You already own this organization.");
  await requireStepUpForOwnerRole(tx, ctx, "OWNER");
  await tx.membership.update({ where: { id: member.id, orgId: ctx.org.id }, data: { role: "OWNER" } });
  await tx.membership.update({
    where: { orgId_userId: { orgId: ctx.org.id, userId: ctx.principal.userId } },
    data: { role: "ADMIN" },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "ownership.transferred",
    target: memberTarget(member.user),
    metadata: { from: ctx.principal.email, to: member.user.email },
  });
  return { newOwner: member.user.email };
}
