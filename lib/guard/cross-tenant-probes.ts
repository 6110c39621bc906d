import "server-only";
import type { AuditEvent } from "@/lib/audit/append-audit-entry";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import type { Actor, RequestContext } from "@/lib/context";
import { getDb } from "@/lib/db/client";

/** Cross-tenant attempts by one principal against one org within this window raise an alert at this count. */
const ALERT_WINDOW_MINUTES = 10;
const ALERT_THRESHOLD = 3;

/** Cross-tenant probes recorded per prober and targeted org per alert window; the alert fires at the third. */
export const PROBES_RECORDED_PER_WINDOW = 100;

/**
 * Anyone signed in can name another organization's ids (a person's id fans out to each of their
 * organizations), so unbounded recording would let a stranger flood a tenant's trail and its chain.
 * Past the budget the probe is still refused alike; the trail already holds the alert and a hundred rows.
 */
export async function withinProbeRecordingBudget(orgId: string, actor: Actor): Promise<boolean> {
  const budget = await hitRateLimit(getDb(), {
    key: `cross-tenant-probes:${orgId}:${actor.type}:${actor.id ?? "-"}`,
    limit: PROBES_RECORDED_PER_WINDOW,
    windowMs: ALERT_WINDOW_MINUTES * 60_000,
  });
  return budget.allowed;
}

/**
 * Someone who keeps asking for another organization's objects is probing for a tenant-isolation
 * bug: the targeted org's admins get a security alert in their trail when the count reaches the
 * threshold (once per burst: only the attempt that reaches it raises one), or null. Each request
 * writes at most one denial per organization (recordDenial), so the rows counted here are requests.
 * They are not counted by request id: a proxy may pass a client's X-Request-Id through, and a prober
 * who sent the same one every time would never reach the threshold.
 */
export async function repeatedProbingAlert(
  orgId: string,
  actor: Actor,
  request: RequestContext,
): Promise<AuditEvent | null> {
  const [{ attempts }] = await getDb().$queryRaw<{ attempts: number }[]>`
    SELECT count(*)::int AS attempts FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND action = 'access.denied' AND actor_id = ${actor.id}
       AND metadata->>'crossTenant' = 'true'
       AND occurred_at > now() - make_interval(mins => ${ALERT_WINDOW_MINUTES})`;
  if (attempts !== ALERT_THRESHOLD) return null;
  return {
    orgId,
    action: "security.alert",
    actor,
    outcome: "denied",
    context: request,
    metadata: { reason: "repeated_cross_tenant_attempts", attempts, windowMinutes: ALERT_WINDOW_MINUTES },
  };
}
