import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { raiseSecurityAlert } from "@/lib/audit/security-alerts/raise-security-alert";
import type { RequestContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { SupportSession } from "@/lib/db/generated/client";
import { mailOwners } from "./mail-owners";
import { SUPPORT_SESSION_MS } from "./support-session-rules";
import { sessionTarget, staffAccessMetadata, staffActor } from "./support-session-event";

type Org = { id: string; slug: string; name: string };

/**
 * Starts the hour of read-only access: a `staff_access.started` entry in the organization's trail and a
 * mail to each of its owners, both in the caller's transaction (no start without its record and its notice).
 */
export async function beginSupportSession(
  tx: Tx,
  session: SupportSession,
  org: Org,
  request: RequestContext,
  now: Date,
) {
  const expiresAt = new Date(now.getTime() + SUPPORT_SESSION_MS);
  await tx.supportSession.update({ where: { id: session.id }, data: { startedAt: now, expiresAt } });
  await mailOwners(tx, org.id, {
    subject: `Verity staff opened ${org.name} in support mode`,
    text:
      `${session.staffEmail}, of Verity's staff, opened ${org.name} read-only until ${expiresAt.toISOString()}.\n\n` +
      `Justification: ${session.justification}\n\n` +
      `Every page they view is in your audit trail (action:staff_access.*). ` +
      `You can end the session at once from Security → Sessions.`,
    kind: "staff_access_started",
  });
  const started = await appendAuditEntry(tx, {
    orgId: org.id,
    action: "staff_access.started",
    actor: staffActor(session),
    target: sessionTarget(session),
    context: request,
    metadata: { ...staffAccessMetadata(session, org.slug), expiresAt: expiresAt.toISOString() },
  });
  // Staff access is on the dashboard too, not only in the trail: one alert per support session.
  await raiseSecurityAlert(tx, {
    orgId: org.id,
    kind: "staff_support_session",
    subject: { type: "user", id: session.staffUserId, display: session.staffEmail },
    groupKey: `support_session:${session.id}`,
    entry: {
      actor: staffActor(session),
      target: sessionTarget(session),
      context: request,
      metadata: { detail: `${session.staffEmail}: ${session.justification}` },
    },
    evidenceEntryId: started.id,
    now,
  });
  return expiresAt;
}
