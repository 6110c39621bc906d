import { z } from "zod";

/**
 * Plans as data: a per-seat monthly price and the limits each plan lifts. Audit retention is not here
 * on purpose: it is a compliance setting of the organization, never an upsell.
 */
export const PLAN_IDS = ["free", "team", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const ZPlanId = z.enum(PLAN_IDS, { message: `A plan is one of ${PLAN_IDS.join(", ")}.` });

export type PlanLimits = { members: number; apiKeys: number; webhookEndpoints: number; ingestedEventsPerMonth: number };
export type Plan = {
  id: PlanId;
  name: string;
  seatPriceCents: number;
  /** Free has a fixed number of seats; paid plans buy seats one by one up to maxSeats. */
  fixedSeats: number | null;
  maxSeats: number;
  limits: PlanLimits;
  /** Ingested events beyond the monthly allowance, per 1,000 (null: refused instead of billed). */
  overagePer1000EventsCents: number | null;
};

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: "free",
    name: "Free",
    seatPriceCents: 0,
    fixedSeats: 5,
    maxSeats: 5,
    limits: { members: 5, apiKeys: 5, webhookEndpoints: 2, ingestedEventsPerMonth: 10_000 },
    overagePer1000EventsCents: null,
  },
  team: {
    id: "team",
    name: "Team",
    seatPriceCents: 1_500,
    fixedSeats: null,
    maxSeats: 500,
    limits: { members: 500, apiKeys: 100, webhookEndpoints: 20, ingestedEventsPerMonth: 1_000_000 },
    overagePer1000EventsCents: 20,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    seatPriceCents: 4_500,
    fixedSeats: null,
    maxSeats: 10_000,
    limits: { members: 10_000, apiKeys: 1_000, webhookEndpoints: 200, ingestedEventsPerMonth: 50_000_000 },
    overagePer1000EventsCents: 10,
  },
};

export const planOf = (id: string): Plan =>
  PLANS[(PLAN_IDS as readonly string[]).includes(id) ? (id as PlanId) : "free"];

/** The cheapest plan whose limit is above `needed`, to name in a "limit reached" message. */
export function planThatLifts(limit: keyof PlanLimits, needed: number): Plan | null {
  return PLAN_IDS.map((id) => PLANS[id]).find((plan) => plan.limits[limit] >= needed) ?? null;
}
