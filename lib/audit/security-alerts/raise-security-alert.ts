import "server-only";
import { appendAuditEntry, type AuditEvent } from "../append-audit-entry";
import type { Db, Tx } from "@/lib/db/client";
import { ALERT_GROUPING_WINDOW_MINUTES, SECURITY_ALERT_KINDS, type SecurityAlertKind } from "./alert-kinds";

/** Evidence entries kept on one alert: the count goes on, the links stop (the search link finds the rest). */
const MAX_LINKED_ENTRIES = 50;

export type RaiseSecurityAlert = {
  orgId: string;
  kind: SecurityAlertKind;
  /** Whom or what it is about (the prober, the account, the key); repeats group by kind and `groupKey`. */
  subject: { type: string; id: string | null; display: string | null } | null;
  groupKey: string;
  /** The security.alert entry a new alert appends (who, from where, why); `alertId` and `severity` are added. */
  entry: Omit<AuditEvent, "orgId" | "action">;
  /** The entry that is the evidence of this occurrence (a denial, a lockout), linked to the alert. */
  evidenceEntryId?: string | null;
  /** The alert row only, no entry: when the trail itself cannot take one (its chain head was tampered with). */
  withoutEntry?: boolean;
  now?: Date;
};

export type RaisedAlert = { id: string; created: boolean; count: number };

/**
 * Raises an alert in the caller's transaction. A repeat of an open or acknowledged alert of the same kind and
 * group within the window counts on it (count, last seen, its evidence linked) and appends nothing, so a flood
 * makes one alert, not a flood of them. A new one appends a security.alert entry (which the `security.alert`
 * webhook carries); the worker mails a high or critical one to the owners (lib/security-alerts/mail-new-alerts.ts:
 * alerts are raised down here, beside the trail, where mail cannot be reached). A transaction-scoped advisory lock
 * on the group keeps two concurrent first occurrences from making two alerts.
 */
export async function raiseSecurityAlert(tx: Tx, input: RaiseSecurityAlert): Promise<RaisedAlert> {
  const { orgId, kind, subject, groupKey, evidenceEntryId = null, now = new Date() } = input;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`security-alert:${orgId}:${kind}:${groupKey}`}, 0))`;
  const since = new Date(now.getTime() - ALERT_GROUPING_WINDOW_MINUTES * 60_000);
  const open = await tx.securityAlert.findFirst({
    where: { orgId, kind, groupKey, status: { in: ["open", "acknowledged"] }, lastSeenAt: { gt: since } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, count: true, auditEntryIds: true },
  });
  if (open) {
    const link = evidenceEntryId && open.auditEntryIds.length < MAX_LINKED_ENTRIES ? [evidenceEntryId] : [];
    await tx.securityAlert.update({
      where: { id: open.id },
      data: { count: { increment: 1 }, lastSeenAt: now, auditEntryIds: { push: link } },
    });
    return { id: open.id, created: false, count: open.count + 1 };
  }
  const { severity, title } = SECURITY_ALERT_KINDS[kind];
  const alert = await tx.securityAlert.create({
    data: {
      orgId,
      kind,
      severity,
      title,
      groupKey,
      subjectType: subject?.type ?? null,
      subjectId: subject?.id ?? null,
      subjectDisplay: subject?.display ?? null,
      firstSeenAt: now,
      lastSeenAt: now,
      auditEntryIds: evidenceEntryId ? [evidenceEntryId] : [],
    },
    select: { id: true },
  });
  if (input.withoutEntry) return { id: alert.id, created: true, count: 1 };
  const metadata = { reason: kind, ...input.entry.metadata, alertId: alert.id, severity };
  const appended = await appendAuditEntry(tx, { ...input.entry, orgId, action: "security.alert", metadata });
  await tx.securityAlert.update({ where: { id: alert.id }, data: { auditEntryIds: { push: appended.id } } });
  return { id: alert.id, created: true, count: 1 };
}

/** The same, committed on its own (an alert raised beside a refusal, a failed sign-in or a worker pass). */
export function raiseSecurityAlertOnItsOwn(db: Db, input: RaiseSecurityAlert): Promise<RaisedAlert> {
  return db.$transaction((tx) => raiseSecurityAlert(tx, input));
}
