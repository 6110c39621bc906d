import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { billingSummary } from "./billing-summary";
import { billingTarget } from "./billing-target";
import { lockBillingAccount } from "./lock-billing-account";

/** Cancelling keeps the paid plan to the end of the period; the organization is on Free from then on. */
export async function cancelSubscription(tx: Tx, ctx: OrgContext) {
  const account = await lockBillingAccount(tx, ctx.org.id);
  if (account.plan === "free") throw new AppError("conflict", "The Free plan has nothing to cancel.");
  if (!account.cancelAtPeriodEnd) {
    await tx.billingAccount.update({ where: { orgId: ctx.org.id }, data: { cancelAtPeriodEnd: true } });
    await appendAuditEntry(tx, {
      ...auditedBy(ctx),
      action: "billing.cancellation_scheduled",
      target: billingTarget(ctx),
      metadata: { plan: account.plan, effectiveAt: account.periodEnd.toISOString() },
    });
  }
  return billingSummary(tx, ctx.org.id);
}
