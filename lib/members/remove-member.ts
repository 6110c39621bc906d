import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { revokeKeysOfDeparted } from "@/lib/api-keys/revoke-keys-of-departed";
import { AppError } from "@/lib/http/app-error";
import {
  assertMayManage,
  assertNotLastOwner,
  findMember,
  lockMemberships,
  memberTarget,
  requireStepUpForOwnerRole,
} from "./membership-rules";

export const ZRemoveMember = z.object({ userId: z.uuid("Unknown member.") });

/**
 * Removes a member (an owner only after a recent step-up, like any removal of the Owner role). Access
 * ends on their next request, since every request checks membership; their API keys in this
 * organization are revoked, and their sessions end if this was their only organization, in the same transaction.
 */
export async function removeMember({
  ctx,
  tx,
  input,
}: {
  ctx: OrgContext;
  tx: Tx;
  input: z.infer<typeof ZRemoveMember>;
}) {
  await lockMemberships(tx, ctx.org.id);
  const member = await findMember(tx, ctx.org.id, input.userId, "members.remove");
  if (member.user.id === ctx.principal.userId)
    throw new AppError("conflict", "To remove yourself, leave the organization.");
  assertMayManage(ctx, member.role);
  await assertNotLastOwner(tx, ctx.org.id, member.role);
  await requireStepUpForOwnerRole(tx, ctx, member.role);
  await tx.membership.delete({ where: { id: member.id, orgId: ctx.org.id } });
  // A session is one login for all of a person's organizations: it ends only when this was their last one,
  // so removing someone from here never signs them out of another organization. Whether it did is not
  // recorded or answered: it would tell this organization whether they belong to others.
  if ((await tx.membership.count({ where: { userId: member.user.id } })) === 0) {
    await tx.session.updateMany({
      where: { userId: member.user.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "removed" },
    });
  }
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "member.removed",
    target: memberTarget(member.user),
    metadata: { role: member.role },
  });
  await revokeKeysOfDeparted(tx, ctx, { userId: member.user.id, reason: "creator_removed" });
  return { removed: true };
}

/** The principal leaves the organization (never its last owner). */
export async function leaveOrganization({ ctx, tx }: { ctx: OrgContext; tx: Tx }) {
  await lockMemberships(tx, ctx.org.id);
  const member = await findMember(tx, ctx.org.id, ctx.principal.userId);
  await assertNotLastOwner(tx, ctx.org.id, member.role);
  await tx.membership.delete({ where: { id: member.id, orgId: ctx.org.id } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "member.left",
    target: memberTarget(member.user),
    metadata: { role: member.role },
  });
  await revokeKeysOfDeparted(tx, ctx, { userId: member.user.id, reason: "creator_left" });
  return { left: true };
}
