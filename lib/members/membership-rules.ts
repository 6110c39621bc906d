import "server-only";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import type { Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { AppError } from "@/lib/http/app-error";
import type { RoleName } from "@/lib/rbac/permissions";

/**
 * Serializes membership changes within one organization: two owners demoting each other at once
 * must not leave the organization with none. The org row's lock is held to the end of the transaction.
 */
export async function lockMemberships(tx: Tx, orgId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
}

/** A member of THIS organization (orgId in the query: another org's user id is simply not found). */
export async function findMember(tx: Tx, orgId: string, userId: string, permission = "members.update") {
  const member = await tx.membership.findUnique({
    where: { orgId_userId: { orgId, userId } },
    select: { id: true, role: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (member) return member;
  // Another organization's member is a probe (cross-tenant BOLA): refused like an unknown id, and
  // recorded, flagged, in the organizations that person belongs to.
  const elsewhere = await tx.membership.findMany({ where: { userId, orgId: { not: orgId } }, select: { orgId: true } });
  const probe = elsewhere.length
    ? { permission, reason: "not_a_member", crossTenant: true, targetOrgId: elsewhere.map((row) => row.orgId) }
    : undefined;
  throw new AppError("not_found", "No such member in this organization.", undefined, probe);
}

/** Only an owner grants, removes or changes the Owner role. */
export function assertMayManage(ctx: OrgContext, ...roles: RoleName[]) {
  if (roles.includes("OWNER") && ctx.role !== "OWNER") {
    throw new AppError("forbidden", "Only an owner can grant, change or remove the Owner role.", undefined, {
      permission: "members.update",
      reason: "owner_role_requires_owner",
    });
  }
}

/**
 * Granting, removing or inviting an Owner hands over (or takes away) billing, the security policy, the
 * organization's deletion and the power to remove the other owners: it needs the same recent step-up as a
 * transfer of ownership, so a hijacked session cannot mint an owner who then removes the real one.
 */
export async function requireStepUpForOwnerRole(tx: Tx, ctx: OrgContext, ...roles: RoleName[]) {
  if (roles.includes("OWNER")) await requireRecentStepUp(tx, ctx.principal);
}

/** The last owner can never be demoted, removed or leave: an organization always has an owner. */
export async function assertNotLastOwner(tx: Tx, orgId: string, role: RoleName) {
  if (role !== "OWNER") return;
  if ((await tx.membership.count({ where: { orgId, role: "OWNER" } })) <= 1) {
    throw new AppError("conflict", "This is the organization's last owner. Make someone else an owner first.");
  }
}

export const memberTarget = (user: { id: string; email: string }) => ({
  type: "user",
  id: user.id,
  display: user.email,
});
