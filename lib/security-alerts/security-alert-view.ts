import "server-only";
import type { Target } from "@/lib/context";
import type { SecurityAlert } from "@/lib/db/generated/client";
import { ZSecurityAlertView, type TSecurityAlertView } from "./security-alert-schemas";

export function securityAlertTarget(alert: Pick<SecurityAlert, "id" | "title">): Target {
  return { type: "security_alert", id: alert.id, display: alert.title };
}

/**
 * The audit search that shows an alert's story: its own entries (metadata names it) and, when it is about a
 * person or a key, what they did since the first occurrence.
 */
function auditQueryOf(alert: SecurityAlert): string {
  const since = `created:>=${alert.firstSeenAt.toISOString().slice(0, 10)}`;
  if (alert.subjectId && (alert.subjectType === "user" || alert.subjectType === "api_key"))
    return `actor:${alert.subjectId} ${since}`;
  return `"${alert.id}"`;
}

export function securityAlertView(alert: SecurityAlert): TSecurityAlertView {
  return ZSecurityAlertView.parse({
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    title: alert.title,
    subject: alert.subjectType ? { type: alert.subjectType, id: alert.subjectId, display: alert.subjectDisplay } : null,
    firstSeenAt: alert.firstSeenAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    count: alert.count,
    status: alert.status,
    statusChangedAt: alert.statusChangedAt?.toISOString() ?? null,
    statusChangedBy: alert.statusChangedBy,
    auditEntryIds: alert.auditEntryIds,
    auditQuery: auditQueryOf(alert),
  });
}
