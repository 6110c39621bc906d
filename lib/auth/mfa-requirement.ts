import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { RoleName } from "@/lib/rbac/permissions";

/** Roles that use the panel only with a second factor, whatever the organization's policy. */
export const MFA_ROLES: readonly RoleName[] = ["OWNER", "ADMIN"];

type OrgPolicy = { requireMfa: boolean; requireMfaFrom: Date | null };

/**
 * Whether a member needs a second factor now: always for owners and admins; for everyone once the
 * organization's policy is on and its grace period (if any) is over.
 */
export function secondFactorRequiredNow(org: OrgPolicy, role: RoleName, now = new Date()): boolean {
  if (MFA_ROLES.includes(role)) return true;
  return org.requireMfa && (!org.requireMfaFrom || org.requireMfaFrom <= now);
}

/**
 * The organizations whose role or policy asks this person for a second factor, now or once a grace
 * period ends: turning it off there would lock them out of the panel (or leave the policy unmet).
 */
export async function organizationsRequiringSecondFactor(client: Db | Tx, userId: string): Promise<string[]> {
  const memberships = await client.membership.findMany({
    where: { userId, org: { deletedAt: null } },
    select: { role: true, org: { select: { name: true, requireMfa: true } } },
    orderBy: { org: { name: "asc" } },
  });
  return memberships.filter(({ role, org }) => MFA_ROLES.includes(role) || org.requireMfa).map(({ org }) => org.name);
}

/** Refuses to turn the second factor off while a role or policy requires it. */
export async function assertSecondFactorOptional(client: Db | Tx, userId: string) {
  const orgs = await organizationsRequiringSecondFactor(client, userId);
  if (orgs.length === 0) return;
  throw new AppError(
    "conflict",
    `Two-factor authentication cannot be turned off: your role or the policy of ${orgs.join(", ")} requires it.`,
  );
}
