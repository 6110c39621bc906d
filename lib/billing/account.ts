import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit";
import { actorOf, auditedBy, type OrgContext, type Target } from "@/lib/context";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { addMonth } from "./invoice-lines";
import { PLANS, ZPlanId, planOf, type PlanId } from "./plans";
import { billingProvider, looksLikeCardNumber, stripePortalSession, stripeSetupSession } from "./providers";

const orgTarget = (ctx: OrgContext): Target => ({ type: "organization", id: ctx.org.id, display: ctx.org.name });

/** Called in the transaction that creates an organization: Free with its fixed seats, a first period starting now. */
export async function createBillingAccount(tx: Tx, orgId: string, now = new Date()): Promise<void> {
  await tx.billingAccount.create({ data: { orgId, plan: "free", seats: PLANS.free.fixedSeats!, periodStart: now, periodEnd: addMonth(now) } });
  await tx.billingChange.create({ data: { orgId, at: now, plan: "free", seats: PLANS.free.fixedSeats! } });
}

/** The account, locked for the rest of the transaction: plan, seat and period changes of one org happen one at a time. */
export async function lockBillingAccount(tx: Tx, orgId: string) {
  await tx.$queryRaw`SELECT org_id FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR UPDATE`;
  return tx.billingAccount.findUniqueOrThrow({ where: { orgId } });
}

export async function memberCount(client: Tx | Db, orgId: string): Promise<number> {
  return client.membership.count({ where: { orgId } });
}

export const ZChangePlan = z
  .object({
    plan: ZPlanId,
    seats: z.coerce.number({ message: "Enter a number of seats." }).int("A whole number of seats.").min(1, "At least 1 seat.").max(10_000, "At most 10,000 seats.").optional(),
  })
  .strict();

/**
 * Changes the plan and/or the seats. Free has its fixed seats; a paid plan needs a payment method on
 * file and at least as many seats as there are members. Each change is logged for proration and audited.
 */
export async function changePlan(tx: Tx, ctx: OrgContext, rawInput: z.input<typeof ZChangePlan>, now = new Date()) {
  const input = ZChangePlan.parse(rawInput);
  const account = await lockBillingAccount(tx, ctx.org.id);
  const plan = PLANS[input.plan];
  const seats = plan.fixedSeats ?? input.seats ?? account.seats;
  if (seats > plan.maxSeats) throw new AppError("invalid_input", `The ${plan.name} plan has at most ${plan.maxSeats} seats.`, { seats: [`At most ${plan.maxSeats}.`] });
  const members = await memberCount(tx, ctx.org.id);
  if (seats < members) {
    throw new AppError("invalid_input", `This organization has ${members} members: it needs at least ${members} seats${plan.fixedSeats ? `, more than the ${plan.name} plan's ${plan.fixedSeats}` : ""}. Remove members first.`, {
      seats: [`At least ${members}.`],
    });
  }
  if (plan.seatPriceCents > 0 && !(await tx.paymentMethod.findFirst({ where: { orgId: ctx.org.id, removedAt: null }, select: { id: true } }))) {
    throw new AppError("payment_required", `Add a payment method before moving to the ${plan.name} plan.`);
  }
  if (plan.id === account.plan && seats === account.seats && !account.cancelAtPeriodEnd) return billingSummary(tx, ctx.org.id);
  await tx.billingAccount.update({ where: { orgId: ctx.org.id }, data: { plan: plan.id, seats, cancelAtPeriodEnd: false } });
  await tx.billingChange.create({ data: { orgId: ctx.org.id, at: now, plan: plan.id, seats } });
  const actor = actorOf(ctx.principal);
  if (plan.id !== account.plan) {
    await appendAuditEntry(tx, { orgId: ctx.org.id, action: "billing.plan_changed", actor, target: orgTarget(ctx), context: ctx.request, metadata: { from: account.plan, to: plan.id, seats } });
  } else if (seats !== account.seats) {
    await appendAuditEntry(tx, { orgId: ctx.org.id, action: "billing.seats_changed", actor, target: orgTarget(ctx), context: ctx.request, metadata: { from: account.seats, to: seats, plan: plan.id } });
  }
  return billingSummary(tx, ctx.org.id);
}

/** Cancelling keeps the paid plan to the end of the period; the organization is on Free from then on. */
export async function cancelSubscription(tx: Tx, ctx: OrgContext) {
  const account = await lockBillingAccount(tx, ctx.org.id);
  if (account.plan === "free") throw new AppError("conflict", "The Free plan has nothing to cancel.");
  if (!account.cancelAtPeriodEnd) {
    await tx.billingAccount.update({ where: { orgId: ctx.org.id }, data: { cancelAtPeriodEnd: true } });
    await appendAuditEntry(tx, {
      ...auditedBy(ctx),
      action: "billing.cancellation_scheduled",
      target: orgTarget(ctx),
      metadata: { plan: account.plan, effectiveAt: account.periodEnd.toISOString() },
    });
  }
  return billingSummary(tx, ctx.org.id);
}

export const ZAddPaymentMethod = z
  .object({
    token: z
      .string()
      .trim()
      .min(1, "Enter a payment-method token.")
      .max(255)
      // Never echo what was typed: it may be a card number.
      .refine((token) => !looksLikeCardNumber(token), { message: "That looks like a card number. Verity never takes card numbers: use a payment-method token (pm_…) from the payment form." }),
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
    data: { orgId: ctx.org.id, provider: provider.name, providerRef: card.providerRef, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
  });
  if (card.customerId && card.customerId !== account.providerCustomerId) {
    await tx.billingAccount.update({ where: { orgId: ctx.org.id }, data: { provider: provider.name, providerCustomerId: card.customerId } });
  }
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "billing.payment_method_added",
    target: orgTarget(ctx),
    metadata: { brand: method.brand, last4: method.last4 },
  });
  return paymentMethodView(method);
}

export async function removePaymentMethod(tx: Tx, ctx: OrgContext) {
  const account = await lockBillingAccount(tx, ctx.org.id);
  const method = await tx.paymentMethod.findFirst({ where: { orgId: ctx.org.id, removedAt: null } });
  if (!method) throw new AppError("not_found", "There is no payment method on file.");
  if (planOf(account.plan).seatPriceCents > 0 && !account.cancelAtPeriodEnd) {
    throw new AppError("conflict", `The ${planOf(account.plan).name} plan needs a payment method: add another one to replace it, or cancel first.`);
  }
  await tx.paymentMethod.update({ where: { id: method.id }, data: { removedAt: new Date() } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "billing.payment_method_removed",
    target: orgTarget(ctx),
    metadata: { brand: method.brand, last4: method.last4 },
  });
  return { removed: true };
}

function paymentMethodView(method: { brand: string; last4: string; expMonth: number; expYear: number; createdAt: Date }) {
  return { brand: method.brand, last4: method.last4, expMonth: method.expMonth, expYear: method.expYear, addedAt: method.createdAt.toISOString() };
}

/** What the billing screen shows at the top: plan, seats used and purchased, period, payment method. */
export async function billingSummary(client: Tx | Db, orgId: string) {
  const account = await client.billingAccount.findUniqueOrThrow({ where: { orgId } });
  const method = await client.paymentMethod.findFirst({ where: { orgId, removedAt: null } });
  const plan = planOf(account.plan);
  return {
    plan: { id: plan.id as PlanId, name: plan.name, seatPriceCents: plan.seatPriceCents, limits: plan.limits },
    seats: { purchased: account.seats, used: await memberCount(client, orgId) },
    period: { start: account.periodStart.toISOString(), end: account.periodEnd.toISOString() },
    cancelAtPeriodEnd: account.cancelAtPeriodEnd,
    paymentMethod: method ? paymentMethodView(method) : null,
    provider: account.provider,
  };
}

/**
 * Stripe only: the URL of a Stripe Checkout page (setup mode) where the owner saves a card, never
 * typing it into Verity. Called after the caller's authorization, outside any transaction: the
 * provider may be slow, and the embedded database serves one transaction at a time.
 */
export async function stripeCardSetupUrl(db: Db, orgId: string, returnUrl: string): Promise<string> {
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId } });
  const { url, customerId } = await stripeSetupSession({ orgId, customerId: account.providerCustomerId, returnUrl });
  if (!account.providerCustomerId) await db.billingAccount.updateMany({ where: { orgId, providerCustomerId: null }, data: { provider: "stripe", providerCustomerId: customerId } });
  return url;
}

/** Stripe only: the customer portal, once the organization is a Stripe customer. */
export async function stripePortalUrl(db: Db, orgId: string, returnUrl: string): Promise<string> {
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId } });
  if (!account.providerCustomerId) throw new AppError("conflict", "Add a card first: the Stripe customer portal opens once the organization is a Stripe customer.");
  return (await stripePortalSession({ customerId: account.providerCustomerId, returnUrl })).url;
}
