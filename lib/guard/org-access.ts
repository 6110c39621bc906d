import "server-only";
import { cache } from "react";
import { appendAuditEntryOnItsOwn } from "@/lib/audit";
import { actorOf, type OrgContext, type OrgPrincipal, type Principal, type RequestContext } from "@/lib/context";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { ROLE_PERMISSIONS, roleHasPermission, type Permission, type RoleName } from "@/lib/rbac/permissions";

const MFA_ROLES: RoleName[] = ["OWNER", "ADMIN"];

/** Cross-tenant attempts by one principal against one org within this window raise an alert at this count. */
const ALERT_WINDOW_MINUTES = 10;
const ALERT_THRESHOLD = 3;

/**
 * The organizations this request has already recorded a denial in. One page view runs the guard more
 * than once (the org layout and the page render in parallel, each checking access): one request is one
 * attempt, in the trail and towards the alert threshold. React's cache lives exactly as long as the
 * server request, so no client can share or forge it; outside a render (a route handler, a server
 * action, a test) each call gets a new set, and those run the guard once.
 */
const deniedInThisRequest = cache((): Set<string> => new Set());

/**
 * Denials are evidence: appended on their own (one statement), since the request's own work never
 * happens. At most one per organization and request.
 */
export async function recordDenial(
  orgId: string,
  principal: OrgPrincipal,
  request: RequestContext,
  metadata: { permission?: string; reason: string; crossTenant?: boolean },
) {
  const actor = actorOf(principal);
  // Checked and marked before the first await: the layout's and the page's checks run concurrently.
  const recorded = deniedInThisRequest();
  const key = `${orgId}:${actor.type}:${actor.id}`;
  if (recorded.has(key)) return;
  recorded.add(key);
  if (metadata.crossTenant && !(await withinProbeRecordingBudget(orgId, actor.type, actor.id))) return;
  await appendAuditEntryOnItsOwn(getDb(), { orgId, action: "access.denied", actor, outcome: "denied", context: request, metadata });
  if (metadata.crossTenant) await alertOnRepeatedProbing(orgId, principal, request);
}

/** Cross-tenant probes recorded per prober and targeted organization per alert window; the alert fires at the third. */
export const PROBES_RECORDED_PER_WINDOW = 100;

/**
 * Anyone signed in can name another organization's ids (a person's id fans out to each of their
 * organizations), so unbounded recording would let a stranger flood a tenant's trail and its chain.
 * Past the budget the probe is still refused alike; the trail already holds the alert and a hundred rows.
 */
async function withinProbeRecordingBudget(orgId: string, actorType: string, actorId: string | null): Promise<boolean> {
  const budget = await hitRateLimit(getDb(), {
    key: `cross-tenant-probes:${orgId}:${actorType}:${actorId ?? "-"}`,
    limit: PROBES_RECORDED_PER_WINDOW,
    windowMs: ALERT_WINDOW_MINUTES * 60_000,
  });
  return budget.allowed;
}

/**
 * Someone who keeps asking for another organization's objects is probing for a tenant-isolation
 * bug: the targeted org's admins get a security alert in their trail when the count reaches the
 * threshold (once per burst: only the attempt that reaches it raises one). Each request writes at
 * most one denial per organization (recordDenial), so the rows counted here are requests. They are
 * not counted by request id: a proxy may pass a client's X-Request-Id through, and a prober who
 * sent the same one every time would never reach the threshold.
 */
async function alertOnRepeatedProbing(orgId: string, principal: OrgPrincipal, request: RequestContext) {
  const db = getDb();
  const actor = actorOf(principal);
  const [{ attempts }] = await db.$queryRaw<{ attempts: number }[]>`
    SELECT count(*)::int AS attempts FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND action = 'access.denied' AND actor_id = ${actor.id}
       AND metadata->>'crossTenant' = 'true'
       AND occurred_at > now() - make_interval(mins => ${ALERT_WINDOW_MINUTES})`;
  if (attempts !== ALERT_THRESHOLD) return;
  await appendAuditEntryOnItsOwn(db, {
    orgId,
    action: "security.alert",
    actor,
    outcome: "denied",
    context: request,
    metadata: { reason: "repeated_cross_tenant_attempts", attempts, windowMinutes: ALERT_WINDOW_MINUTES },
  });
}

/**
 * The organization named in the URL, if the principal belongs to it. A slug of an organization the
 * principal is not a member of answers exactly like a slug that does not exist (404, no
 * enumeration), and the attempt is recorded, flagged crossTenant, in the targeted organization's trail.
 */
export async function resolveOrgAccess(
  principal: Principal,
  orgSlug: string,
  permission: Permission,
  request: RequestContext,
): Promise<OrgContext<Principal>> {
  const db = getDb();
  // Server-action arguments are whatever JSON the client sends: anything but a plausible slug (an
  // object would become a Prisma filter) answers like a missing organization.
  if (typeof orgSlug !== "string" || !/^[a-z0-9-]{1,64}$/.test(orgSlug)) throw new AppError("not_found", "No such organization.");
  // A deleted organization is closed: it answers like one that never existed.
  const found = await db.organization.findFirst({
    where: { slug: orgSlug, deletedAt: null },
    select: { id: true, slug: true, name: true, requireMfa: true },
  });
  const membership = found
    ? await db.membership.findUnique({
        where: { orgId_userId: { orgId: found.id, userId: principal.userId } },
        select: { role: true, user: { select: { totpEnabledAt: true } } },
      })
    : null;
  if (!found || !membership) {
    if (found) await recordDenial(found.id, principal, request, { permission, reason: "not_a_member", crossTenant: true });
    throw new AppError("not_found", "No such organization.");
  }
  const { requireMfa, ...org } = found;
  // Owners and admins, and everyone in an org whose policy says so, use the panel only with a second factor.
  if ((requireMfa || MFA_ROLES.includes(membership.role)) && !membership.user.totpEnabledAt) {
    throw new AppError("mfa_required", "Set up two-factor authentication to continue: your role or your organization's policy requires it.");
  }
  if (!roleHasPermission(membership.role, permission)) {
    await recordDenial(org.id, principal, request, { permission, reason: "missing_permission" });
    throw new AppError("forbidden", `Your role (${membership.role.toLowerCase()}) does not allow ${permission}.`);
  }
  return { principal, org, role: membership.role, permissions: ROLE_PERMISSIONS[membership.role], request };
}
