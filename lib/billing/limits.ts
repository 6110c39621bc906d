import "server-only";
import { queryRows, type Db, type Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { AppError } from "@/lib/http/app-error";
import { planOf, planThatLifts, type PlanLimits } from "./plans";

const NOUNS: Record<keyof PlanLimits, string> = {
  members: "seats",
  apiKeys: "active API keys",
  webhookEndpoints: "webhook endpoints",
  ingestedEventsPerMonth: "ingested events this month",
};

/**
 * A refusal for a plan limit: 402 with a message naming the limit and the plan that lifts it. It
 * carries the evidence (billing.limit_reached), which the guard records after the rollback.
 */
function limitReached(limit: keyof PlanLimits, planId: string, allowed: number, extra = ""): never {
  const plan = planOf(planId);
  const lifts = planThatLifts(limit, allowed + 1);
  const upgrade =
    lifts && lifts.id !== plan.id
      ? ` The ${lifts.name} plan allows ${lifts.limits[limit].toLocaleString("en-US")}: an owner can change the plan on the Billing page.`
      : "";
  throw new AppError(
    "payment_required",
    `The ${plan.name} plan allows ${allowed.toLocaleString("en-US")} ${NOUNS[limit]}.${extra}${upgrade}`,
    undefined,
    { permission: "billing.limit", reason: "limit_reached", limit: { name: limit, plan: plan.id, allowed } },
  );
}

async function accountOf(tx: Tx, orgId: string) {
  return tx.billingAccount.findUnique({
    where: { orgId },
    select: { plan: true, seats: true, periodStart: true, periodEnd: true },
  });
}

/** Before creating an API key: active keys (not revoked, not expired, not being rolled over) within the plan. */
export async function assertApiKeyAllowed(tx: Tx, ctx: OrgContext, now = new Date()) {
  const account = await accountOf(tx, ctx.org.id);
  if (!account) return;
  const allowed = planOf(account.plan).limits.apiKeys;
  const active = await tx.apiKey.count({
    where: { orgId: ctx.org.id, revokedAt: null, graceEndsAt: null, expiresAt: { gt: now } },
  });
  if (active >= allowed) limitReached("apiKeys", account.plan, allowed, " Revoke one you no longer use, or");
}

export async function assertWebhookEndpointAllowed(tx: Tx, ctx: OrgContext) {
  const account = await accountOf(tx, ctx.org.id);
  if (!account) return;
  const allowed = planOf(account.plan).limits.webhookEndpoints;
  if ((await tx.webhookEndpoint.count({ where: { orgId: ctx.org.id, deletedAt: null } })) >= allowed)
    limitReached("webhookEndpoints", account.plan, allowed);
}

/**
 * Free refuses ingest past its monthly allowance; paid plans bill the overage instead (invoice-lines.ts).
 * A batch of `count` events fits whole or is refused whole: it is one all-or-nothing request. Checked before the
 * write and not under a lock, so requests racing at the edge of the allowance may each pass it.
 */
export async function assertIngestAllowed(client: Tx | Db, ctx: OrgContext, count = 1) {
  // One statement on the path of every ingest: the plan and the period's count so far, summed as usageInPeriod sums
  // it (whatever the plan: planOf decides below which plans cap ingest, an unknown one as Free). Read straight from
  // the pool when the ingest runs on its own (queryRows).
  const [account] = await queryRows<{ plan: string; used: bigint }>(client, {
    text: `SELECT a.plan,
                  (SELECT coalesce(sum(u.count), 0)::bigint FROM usage_counters u
                    WHERE u.org_id = a.org_id AND u.period_start = a.period_start AND u.metric = 'ingested_events') AS used
             FROM billing_accounts a
            WHERE a.org_id = $1::uuid`,
    values: [ctx.org.id],
  });
  if (!account) return;
  const plan = planOf(account.plan);
  if (plan.overagePer1000EventsCents !== null) return;
  const used = Number(account.used);
  const allowed = plan.limits.ingestedEventsPerMonth;
  if (used + count <= allowed) return;
  const left = Math.max(0, allowed - used);
  const extra = count > 1 && left > 0 ? ` This batch has ${count} events and ${left} remain this month.` : "";
  limitReached("ingestedEventsPerMonth", account.plan, allowed, extra);
}

/**
 * Members and pending invitations fit in the purchased seats. An owner who runs out is asked to add
 * seats (402, pointing at Billing); an admin is told to ask an owner (403).
 */
export async function assertSeatAvailable(tx: Tx, ctx: OrgContext, now = new Date()) {
  const account = await accountOf(tx, ctx.org.id);
  if (!account) return;
  const plan = planOf(account.plan);
  const seats = plan.fixedSeats ?? account.seats;
  const members = await tx.membership.count({ where: { orgId: ctx.org.id } });
  const pending = await tx.invitation.count({
    where: { orgId: ctx.org.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
  });
  if (members + pending < seats) return;
  const used =
    `All ${seats} seats are taken (${members} member${members === 1 ? "" : "s"}, ${pending} pending ` +
    `invitation${pending === 1 ? "" : "s"}).`;
  if (ctx.role === "OWNER") {
    throw new AppError(
      "payment_required",
      `${used} Add seats on the Billing page to invite more people` +
        `${plan.fixedSeats ? ` (the ${plan.name} plan has ${plan.fixedSeats}; a paid plan buys seats one by one)` : ""}.`,
      {
        email: [`${used} Add seats on the Billing page.`],
      },
      {
        permission: "billing.limit",
        reason: "limit_reached",
        limit: { name: "members", plan: plan.id, allowed: seats },
      },
    );
  }
  throw new AppError("forbidden", `${used} Ask an owner to add seats before inviting more people.`, {
    email: ["No seat left: ask an owner to add seats."],
  });
}
