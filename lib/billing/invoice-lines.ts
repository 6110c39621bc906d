import { planOf } from "./plans";

export type InvoiceLine = { description: string; quantity: number; unitAmountCents: number; amountCents: number };
export type BillingStretch = { at: Date; plan: string; seats: number };

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);
/** Whole days when whole, else to a tenth (a period closed early in test mode lasts minutes). */
const days = (ms: number) => {
  const value = ms / DAY_MS;
  return Number.isInteger(value) ? String(value) : value < 0.1 ? "<0.1" : value.toFixed(1);
};

/**
 * The proration rule: each stretch of the period between plan or seat changes is charged at its own
 * plan and seats, for its share of the period, rounded to the cent per line. Raising seats mid-period
 * therefore costs the new seats for the rest of the period only; lowering them credits nothing
 * already passed. Ingested events beyond the plan's monthly allowance (the plan at the period's end)
 * are billed per started 1,000 where the plan allows overage.
 */
export function invoiceLines({
  periodStart,
  periodEnd,
  changes,
  ingestedEvents,
}: {
  periodStart: Date;
  periodEnd: Date;
  /** Oldest first; the first one is the state at periodStart (or before). */
  changes: BillingStretch[];
  ingestedEvents: number;
}): InvoiceLine[] {
  const length = periodEnd.getTime() - periodStart.getTime();
  if (length <= 0) throw new Error("a billing period must end after it starts");
  const lines: InvoiceLine[] = [];
  const relevant = changes.filter((change) => change.at < periodEnd);
  const startIndex = Math.max(
    0,
    relevant.findLastIndex((change) => change.at <= periodStart),
  );
  const stretches = relevant.slice(startIndex);
  stretches.forEach((stretch, index) => {
    const from = new Date(Math.max(stretch.at.getTime(), periodStart.getTime()));
    const to = index + 1 < stretches.length ? stretches[index + 1].at : periodEnd;
    if (to <= from) return;
    const plan = planOf(stretch.plan);
    const share = (to.getTime() - from.getTime()) / length;
    const unitAmountCents = Math.round(plan.seatPriceCents * share);
    const whole = share === 1;
    lines.push({
      description:
        `${plan.name} plan, ${stretch.seats} seat${stretch.seats === 1 ? "" : "s"}, ${day(from)} to ` +
        `${day(new Date(to.getTime() - 1))}${whole ? "" : ` (${days(to.getTime() - from.getTime())} of ${days(length)} days)`}`,
      quantity: stretch.seats,
      unitAmountCents,
      amountCents: unitAmountCents * stretch.seats,
    });
  });
  const finalPlan = planOf(stretches.at(-1)?.plan ?? "free");
  const allowance = finalPlan.limits.ingestedEventsPerMonth;
  if (finalPlan.overagePer1000EventsCents !== null && ingestedEvents > allowance) {
    const thousands = Math.ceil((ingestedEvents - allowance) / 1000);
    lines.push({
      description:
        `Ingested events beyond ${allowance.toLocaleString("en-US")} included ` +
        `(${(ingestedEvents - allowance).toLocaleString("en-US")}), per 1,000`,
      quantity: thousands,
      unitAmountCents: finalPlan.overagePer1000EventsCents,
      amountCents: thousands * finalPlan.overagePer1000EventsCents,
    });
  }
  lines.push({
    description: `Ingested events: ${ingestedEvents.toLocaleString("en-US")} of ${allowance.toLocaleString("en-US")} included`,
    quantity: ingestedEvents,
    unitAmountCents: 0,
    amountCents: 0,
  });
  return lines;
}

/** One month on, same day of month (clamped to the month's last day), same time. */
export function addMonth(date: Date): Date {
  const next = new Date(date);
  const dayOfMonth = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(dayOfMonth, lastDay));
  return next;
}
