import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { ROLES } from "@/lib/rbac/permissions";
import {
  assertMayManage,
  assertNotLastOwner,
  findMember,
  lockMemberships,
  memberTarget,
  requireStepUpForOwnerRole,
} from "./membership-rules";

export const ZChangeMemberRole = z.object({ userId: z.uuid("Unknown member."), role: z.enum(ROLES, "Unknown role.") });

export async function changeMemberRole({
  ctx,
  tx,
  input,
}: {
  ctx: OrgContext;
  tx: Tx;
  input: z.infer<typeof ZChangeMemberRole>;
}) {
  await lockMemberships(tx, ctx.org.id);
  const member = await findMember(tx, ctx.org.id, input.userId);
  if (member.role === input.role) return { role: member.role };
  assertMayManage(ctx, member.role, input.role);
  if (member.user.id === ctx.principal.userId && member.role === "OWNER") {
    throw new AppError("conflict", "Transfer ownership instead of demoting yourself.");
  }
  await assertNotLastOwner(tx, ctx.org.id, member.role);
  await requireStepUpForOwnerRole(tx, ctx, member.role, input.role);
  await tx.membership.update({ where: { id: member.id, orgId: ctx.org.id }, data: { role: input.role } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "member.role_changed",
    target: memberTarget(member.user),
    metadata: { from: member.role, to: input.role },
  });
  return { role: input.role };
}
