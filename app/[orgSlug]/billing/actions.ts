"use server";

import { z } from "zod";
import { addPaymentMethod, ZAddPaymentMethod } from "@/lib/billing/add-payment-method";
import { cancelSubscription } from "@/lib/billing/cancel-subscription";
import { changePlan, ZChangePlan } from "@/lib/billing/change-plan";
import { lockBillingAccount } from "@/lib/billing/lock-billing-account";
import { removePaymentMethod } from "@/lib/billing/remove-payment-method";
import { stripeCardSetupUrl } from "@/lib/billing/stripe-card-setup-url";
import { stripePortalUrl } from "@/lib/billing/stripe-portal-url";
import { closePeriod } from "@/lib/billing/invoices";
import { getDb } from "@/lib/db/client";
import { orgAction } from "@/lib/guard/org-action";
import { inTransaction } from "@/lib/guard/run-work";
import { AppError } from "@/lib/http/app-error";

// Billing is the owner's alone: every action asks for billing.manage, which only the Owner role holds.
// Changing payment details and cancelling also need a recent step-up (as revealing a webhook secret
// does): a stolen or unattended session must not be enough to swap the card or end the subscription.
// Plan and seat changes do not: they are charged to the card already on file.

const ZNoInput = z.object({}).strict();

export const changePlanAction = orgAction(
  { name: "billing.change_plan", permission: "billing.manage", input: ZChangePlan },
  ({ ctx, tx, input }) => changePlan(tx, ctx, input),
);

export const cancelSubscriptionAction = orgAction(
  { name: "billing.cancel", permission: "billing.manage", input: ZNoInput, stepUp: true },
  ({ ctx, tx }) => cancelSubscription(tx, ctx),
);

// The token is never logged or echoed: a card number typed here is refused by ZAddPaymentMethod without repeating it.
export const addPaymentMethodAction = orgAction(
  { name: "billing.add_payment_method", permission: "billing.manage", input: ZAddPaymentMethod, stepUp: true },
  ({ ctx, tx, input }) => addPaymentMethod(tx, ctx, input),
);

export const removePaymentMethodAction = orgAction(
  { name: "billing.remove_payment_method", permission: "billing.manage", input: ZNoInput, stepUp: true },
  ({ ctx, tx }) => removePaymentMethod(tx, ctx),
);

/**
 * Test mode only (the local provider): ends the current period now, under the account's row lock, so the
 * period-close job issues its invoice at once instead of at the end of the month. The close takes its
 * own lock and transaction, so it runs after the period's end has committed.
 */
export const closePeriodNowAction = orgAction(
  { name: "billing.close_period_now", permission: "billing.manage", input: ZNoInput, transaction: false },
  async ({ ctx }) => {
    if (process.env.STRIPE_SECRET_KEY)
      throw new AppError("forbidden", "Closing a period by hand is only for the local test provider.");
    await inTransaction(async (tx) => {
      await lockBillingAccount(tx, ctx.org.id);
      await tx.billingAccount.update({ where: { orgId: ctx.org.id }, data: { periodEnd: new Date() } });
    });
    const issued = await closePeriod(getDb(), ctx.org.id);
    return { invoiceNumbers: issued ? [issued.number] : [] };
  },
);

/**
 * Stripe only: where to send the owner to save a card (Stripe Checkout, setup mode) or to manage it
 * (the customer portal). Both Stripe pages change payment details (the portal can also cancel): the
 * same step-up as adding a card here. Stripe is called after the authorization, outside any transaction.
 */
export const stripeRedirectAction = orgAction(
  {
    name: "billing.stripe_redirect",
    permission: "billing.manage",
    input: z.object({ to: z.enum(["setup", "portal"]) }).strict(),
    stepUp: true,
    transaction: false,
  },
  async ({ ctx, input }) => {
    if (!process.env.STRIPE_SECRET_KEY) throw new AppError("conflict", "Stripe is not configured on this server.");
    const returnUrl = `${process.env.NEXTAUTH_URL ?? "http://localhost:3000"}/${ctx.org.slug}/billing`;
    const pageUrl = input.to === "setup" ? stripeCardSetupUrl : stripePortalUrl;
    return { url: await pageUrl(getDb(), ctx.org.id, returnUrl) };
  },
);
