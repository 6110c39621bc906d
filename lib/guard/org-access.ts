import "server-only";
import type { OrgContext, Principal, RequestContext } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { effectivePermissions } from "@/lib/rbac/effective-permissions";
import type { Permission } from "@/lib/rbac/permissions";
import { secondFactorRequiredNow } from "@/lib/auth/mfa-requirement";
import { runPipeline } from "./pipeline";
import type { Scene } from "./scene";
import { supportAccess, type Intent } from "./support-access";

/**
 * The pipeline's org and permission step for a person: the organization named in the URL, if they
 * belong to it, and the permission through their role. A slug of an organization they are not a member
 * of answers exactly like a slug that does not exist (404, no enumeration); the refusal carries the
 * attempt, flagged crossTenant, for the targeted organization's trail.
 */
export async function orgAccess(
  scene: Scene,
  principal: Principal,
  orgSlug: string,
  permission: Permission,
  intent: Intent = { kind: "write" },
): Promise<OrgContext<Principal>> {
  scene.principal = principal;
  const db = getDb();
  // Server-action arguments are whatever JSON the client sends: anything but a plausible slug (an
  // object would become a Prisma filter) answers like a missing organization.
  if (typeof orgSlug !== "string" || !/^[a-z0-9-]{1,64}$/.test(orgSlug))
    throw new AppError("not_found", "No such organization.");
  // A deleted organization is closed: it answers like one that never existed.
  const found = await db.organization.findFirst({
    where: { slug: orgSlug, deletedAt: null },
    select: { id: true, slug: true, name: true, requireMfa: true, requireMfaFrom: true },
  });
  const membership = found
    ? await db.membership.findUnique({
        where: { orgId_userId: { orgId: found.id, userId: principal.userId } },
        select: { role: true, user: { select: { totpEnabledAt: true } } },
      })
    : null;
  if (found && !membership) {
    // Platform staff in a live support session read the org; without one they get the 404 below, like anyone.
    const support = await supportAccess(scene, principal, found, permission, intent);
    if (support) return support;
  }
  if (!found || !membership) {
    const probe = found ? { permission, reason: "not_a_member", crossTenant: true, targetOrgId: found.id } : undefined;
    throw new AppError("not_found", "No such organization.", undefined, probe);
  }
  scene.orgId = found.id;
  const { requireMfa, requireMfaFrom, ...org } = found;
  // Owners and admins, and everyone in an org whose policy says so (once its grace period is over), use
  // the panel only with a second factor.
  if (secondFactorRequiredNow({ requireMfa, requireMfaFrom }, membership.role) && !membership.user.totpEnabledAt) {
    throw new AppError(
      "mfa_required",
      "Set up two-factor authentication to continue: your role or your organization's policy requires it.",
    );
  }
  const permissions = effectivePermissions(membership.role);
  if (!permissions.includes(permission)) {
    const message = `Your role (${membership.role.toLowerCase()}) does not allow ${permission}.`;
    throw new AppError("forbidden", message, undefined, { permission, reason: "missing_permission" });
  }
  return { principal, org, role: membership.role, permissions, request: scene.request };
}

/**
 * The org and permission steps alone, for a principal already known (a page's, a test's), with a
 * refusal recorded as the pipeline records it.
 */
export function resolveOrgAccess(
  principal: Principal,
  orgSlug: string,
  permission: Permission,
  request: RequestContext,
) {
  return runPipeline({
    request,
    authorize: (scene) => orgAccess(scene, principal, orgSlug, permission, { kind: "read", via: "page" }),
    parse: () => undefined,
    transaction: false,
    run: async (ctx) => ctx,
  });
}
