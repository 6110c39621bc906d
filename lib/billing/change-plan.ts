import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { billingSummary } from "./billing-summary";
import { billingTarget } from "./billing-target";
import { lockBillingAccount } from "./lock-billing-account";
import { memberCount } from "./member-count";
import { PLANS, ZPlanId } from "./plans";

export const ZChangePlan = z
  .object({
    plan: ZPlanId,
    seats: z.coerce
      .number({ message: "Enter a number of seats." })
      .int("A whole number of seats.")
      .min(1, "At least 1 seat.")
      .max(10_000, "At most 10,000 seats.")
      .optional(),
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
  if (seats > plan.maxSeats)
    throw new AppError("invalid_input", `The ${plan.name} plan has at most ${plan.maxSeats} seats.`, {
      seats: [`At most ${plan.maxSeats}.`],
    });
  const members = await memberCount(tx, ctx.org.id);
  if (seats < members) {
    throw new AppError(
      "invalid_input",
      `This organization has ${members} members: it needs at least ${members} seats` +
        `${plan.fixedSeats ? `, more than the ${plan.name} plan's ${plan.fixedSeats}` : ""}. Remove members first.`,
      {
        seats: [`At least ${members}.`],
      },
    );
  }
  if (
    plan.seatPriceCents > 0 &&
    !(await tx.paymentMethod.findFirst({ where: { orgId: ctx.org.id, removedAt: null }, select: { id: true } }))
  ) {
    throw new AppError("payment_required", `Add a payment method before moving to the ${plan.name} plan.`);
  }
  if (plan.id === account.plan && seats === account.seats && !account.cancelAtPeriodEnd)
    return billingSummary(tx, ctx.org.id);
  await tx.billingAccount.update({
    where: { orgId: ctx.org.id },
    data: { plan: plan.id, seats, cancelAtPeriodEnd: false },
  });
  await tx.billingChange.create({ data: { orgId: ctx.org.id, at: now, plan: plan.id, seats } });
  const actor = actorOf(ctx.principal);
  if (plan.id !== account.plan) {
    await appendAuditEntry(tx, {
      orgId: ctx.org.id,
      action: "billing.plan_changed",
      actor,
      target: billingTarget(ctx),
      context: ctx.request,
      metadata: { from: account.plan, to: plan.id, seats },
    });
  } else if (seats !== account.seats) {
    await appendAuditEntry(tx, {
      orgId: ctx.org.id,
      action: "billing.seats_changed",
      actor,
      target: billingTarget(ctx),
      context: ctx.request,
      metadata: { from: account.seats, to: seats, plan: plan.id },
    });
  }
  return billingSummary(tx, ctx.org.id);
}
