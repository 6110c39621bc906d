import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { billingTarget } from "./billing-target";
import { lockBillingAccount } from "./lock-billing-account";
import { paymentMethodView } from "./payment-method-view";
import { billingProvider, looksLikeCardNumber } from "./providers";

export const ZAddPaymentMethod = z
  .object({
    token: z
      .string()
      .trim()
      .min(1, "Enter a payment-method token.")
      .max(255)
      // Never echo what was typed: it may be a card number.
      .refine((token) => !looksLikeCardNumber(token), {
        message:
          "That looks like a card number. Verity never takes card numbers: use a payment-method token (pm_…) from the payment form.",
      }),
  })
  .strict();

export async function addPaymentMethod(tx: Tx, ctx: OrgContext, rawInput: z.input<typeof ZAddPaymentMethod>) {
  const { token } = ZAddPaymentMethod.parse(rawInput);
  const account = await lockBillingAccount(tx, ctx.org.id);
  const provider = billingProvider();
  const card = await provider.attachPaymentMethod({ orgId: ctx.org.id, token, customerId: account.providerCustomerId });
  // One method on file: a new one replaces the old.
  await tx.paymentMethod.updateMany({ where: { orgId: ctx.org.id, removedAt: null }, data: { removedAt: new Date() } });
  const method = await tx.paymentMethod.create({
    data: {
      orgId: ctx.org.id,
      provider: provider.name,
      providerRef: card.providerRef,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
    },
  });
  if (card.customerId && card.customerId !== account.providerCustomerId) {
    await tx.billingAccount.update({
      where: { orgId: ctx.org.id },
      data: { provider: provider.name, providerCustomerId: card.customerId },
    });
  }
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "billing.payment_method_added",
    target: billingTarget(ctx),
    metadata: { brand: method.brand, last4: method.last4 },
  });
  return paymentMethodView(method);
}
