import "server-only";
import { cache } from "react";
import { ApiKeyRefusal } from "@/lib/api-keys/authenticate-api-key";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { type AuditEvent } from "@/lib/audit/append-audit-entry";
import { raiseSecurityAlertOnItsOwn } from "@/lib/audit/security-alerts/raise-security-alert";
import { actorOf, type OrgContext, type OrgPrincipal, type RequestContext } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { AppError, type Denial } from "@/lib/http/app-error";
import { repeatedProbingAlert, withinProbeRecordingBudget } from "./cross-tenant-probes";
import type { Scene } from "./scene";

/**
 * Refusals are evidence (DESIGN §2.2): appended on their own, since the request's own work never
 * happens or rolls back. This is the only place the guard writes to the trail.
 */
function appendRefusal(event: AuditEvent) {
  return appendAuditEntryOnItsOwn(getDb(), event);
}

/**
 * The pipeline's one way of recording a refusal, whichever step refused: every refusal that is
 * evidence is an error carrying its denial (an AppError's `denial`, an ApiKeyRefusal's `keyUse`), and
 * this records it once, with what the scene knows of who asked and where.
 */
export async function recordRefusal(scene: Scene, error: unknown) {
  if (error instanceof ApiKeyRefusal && error.keyUse) {
    const { orgId, principal, target, metadata } = error.keyUse;
    const actor = actorOf(principal);
    const context = scene.request;
    const denied = await appendRefusal({
      orgId,
      action: "api_key.use_denied",
      actor,
      target,
      outcome: "denied",
      context,
      metadata,
    });
    // A pinned key presented from outside its ranges: a leaked key, or a caller that moved. Owners should know.
    if (metadata.reason === "ip_not_allowed")
      await raiseSecurityAlertOnItsOwn(getDb(), {
        orgId,
        kind: "api_key_ip_refused",
        subject: target,
        groupKey: `api_key:${target.id}`,
        entry: { actor, target, outcome: "denied", context, metadata: { detail: `from ${context.ip ?? "unknown"}` } },
        evidenceEntryId: denied.id,
      });
    return;
  }
  if (!(error instanceof AppError) || !error.denial || !scene.principal) return;
  const { targetOrgId, limit, support, ...denial } = error.denial;
  const { principal, request, orgId } = scene;
  if (support) {
    if (!orgId) return;
    const metadata = { ...support.metadata, permission: denial.permission };
    const action = "staff_access.write_refused";
    const { actor, target } = support;
    return appendRefusal({ orgId, action, actor, target, outcome: "denied", context: request, metadata });
  }
  if (limit) {
    if (!orgId) return;
    const metadata = { limit: limit.name, plan: limit.plan, allowed: limit.allowed };
    const actor = actorOf(principal);
    const action = "billing.limit_reached";
    return appendRefusal({ orgId, action, actor, outcome: "denied", context: request, metadata });
  }
  // A probe for another organization's object is evidence in that organization, flagged, where its
  // admins see who tried. Not in the prober's own trail as well: there it would tell the prober which
  // ids exist elsewhere (an unknown id records nothing), and one request would count as two attempts.
  const targets = [...new Set([targetOrgId ?? []].flat())].filter((target) => target !== orgId).sort();
  if (!denial.crossTenant || targets.length === 0) {
    if (orgId) await recordDenial(orgId, principal, request, denial);
    return;
  }
  for (const target of targets) await recordDenial(target, principal, request, denial);
}

/**
 * The organizations this request has already recorded a denial in. One page view runs the guard more
 * than once (the org layout and the page render in parallel, each checking access): one request is one
 * attempt, in the trail and towards the alert threshold. React's cache lives exactly as long as the
 * server request, so no client can share or forge it; outside a render (a route handler, a server
 * action, a test) each call gets a new set, and those run the guard once.
 */
const deniedInThisRequest = cache((): Set<string> => new Set());

/** An access.denied entry, at most one per organization and request; a cross-tenant one may raise an alert. */
async function recordDenial(
  orgId: string,
  principal: OrgPrincipal,
  request: RequestContext,
  metadata: Omit<Denial, "targetOrgId" | "limit">,
) {
  const actor = actorOf(principal);
  // Checked and marked before the first await: the layout's and the page's checks run concurrently.
  const recorded = deniedInThisRequest();
  const key = `${orgId}:${actor.type}:${actor.id}`;
  if (recorded.has(key)) return;
  recorded.add(key);
  if (metadata.crossTenant && !(await withinProbeRecordingBudget(orgId, actor))) return;
  const denied = await appendRefusal({
    orgId,
    action: "access.denied",
    actor,
    outcome: "denied",
    context: request,
    metadata,
  });
  if (!metadata.crossTenant) return;
  const alert = await repeatedProbingAlert(orgId, actor, request);
  if (alert)
    await raiseSecurityAlertOnItsOwn(getDb(), {
      orgId,
      kind: "repeated_cross_tenant_attempts",
      subject: actor,
      groupKey: `${actor.type}:${actor.id}`,
      entry: alert,
      evidenceEntryId: denied.id,
    });
}

/**
 * A refusal a page's own service carried after loadOrgPage authorized it (another organization's
 * webhook endpoint, asked for by id): recorded as the pipeline records one.
 */
export function recordCarriedDenial(ctx: OrgContext, error: unknown) {
  return recordRefusal({ request: ctx.request, principal: ctx.principal, orgId: ctx.org.id }, error);
}
