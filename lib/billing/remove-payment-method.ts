import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { billingTarget } from "./billing-target";
import { lockBillingAccount } from "./lock-billing-account";
import { planOf } from "./plans";

export async function removePaymentMethod(tx: Tx, ctx: OrgContext) {
  const account = await lockBillingAccount(tx, ctx.org.id);
  const method = await tx.paymentMethod.findFirst({ where: { orgId: ctx.org.id, removedAt: null } });
  if (!method) throw new AppError("not_found", "There is no payment method on file.");
  if (planOf(account.plan).seatPriceCents > 0 && !account.cancelAtPeriodEnd) {
    throw new AppError(
      "conflict",
      `The ${planOf(account.plan).name} plan needs a payment method: add another one to replace it, or cancel first.`,
    );
  }
  await tx.paymentMethod.update({ where: { id: method.id }, data: { removedAt: new Date() } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "billing.payment_method_removed",
    target: billingTarget(ctx),
    metadata: { brand: method.brand, last4: method.last4 },
  });
  return { removed: true };
}
