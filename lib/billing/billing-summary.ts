import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { memberCount } from "./member-count";
import { paymentMethodView } from "./payment-method-view";
import { planOf, type PlanId } from "./plans";

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
