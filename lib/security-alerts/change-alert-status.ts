import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { SecurityAlertStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { ZChangeAlertStatus, type TChangeAlertStatus, type TSecurityAlertView } from "./security-alert-schemas";
import { securityAlertTarget, securityAlertView } from "./security-alert-view";

/** Which statuses each change may leave: acknowledging an open alert, resolving an open or acknowledged one. */
const CHANGES = {
  acknowledged: { from: ["open"], action: "security.alert_acknowledged", verb: "acknowledged" },
  resolved: { from: ["open", "acknowledged"], action: "security.alert_resolved", verb: "resolved" },
} as const;

async function changeAlertStatus(
  tx: Tx,
  ctx: OrgContext,
  to: keyof typeof CHANGES,
  input: TChangeAlertStatus,
): Promise<TSecurityAlertView> {
  const { alertId, note } = ZChangeAlertStatus.parse(input);
  const change = CHANGES[to];
  const alert = await findSecurityAlert(tx, ctx, alertId);
  const actor = actorOf(ctx.principal);
  // The status in the where: two changes at once cannot both pass from the same status.
  const { count } = await tx.securityAlert.updateMany({
    where: { id: alert.id, orgId: ctx.org.id, status: { in: [...change.from] as SecurityAlertStatus[] } },
    data: { status: to, statusChangedAt: new Date(), statusChangedById: actor.id, statusChangedBy: actor.display },
  });
  if (count === 0) throw new AppError("conflict", `This alert is ${alert.status}: it cannot be ${change.verb}.`);
  const row = await tx.securityAlert.findUniqueOrThrow({ where: { id: alert.id } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: change.action,
    target: securityAlertTarget(row),
    metadata: { alertId: row.id, kind: row.kind, title: row.title, count: row.count, ...(note ? { note } : {}) },
  });
  return securityAlertView(row);
}

export const acknowledgeSecurityAlert = (tx: Tx, ctx: OrgContext, input: TChangeAlertStatus) =>
  changeAlertStatus(tx, ctx, "acknowledged", input);

export const resolveSecurityAlert = (tx: Tx, ctx: OrgContext, input: TChangeAlertStatus) =>
  changeAlertStatus(tx, ctx, "resolved", input);

/** An alert of this organization; another organization's id answers like an unknown one, and is recorded (BOLA). */
async function findSecurityAlert(tx: Tx, ctx: OrgContext, alertId: string) {
  const alert = await tx.securityAlert.findFirst({ where: { id: alertId, orgId: ctx.org.id } });
  if (alert) return alert;
  const elsewhere = await tx.securityAlert.findFirst({
    where: { id: alertId, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  const probe = elsewhere
    ? {
        permission: "security_alerts.manage",
        reason: "foreign_security_alert",
        crossTenant: true,
        targetOrgId: elsewhere.orgId,
      }
    : undefined;
  throw new AppError("not_found", "No such security alert in this organization.", undefined, probe);
}
