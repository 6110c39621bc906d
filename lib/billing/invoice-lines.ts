import { planOf } from "./plans";

export type InvoiceLine = { description: string; quantity: number; unitAmountCents: number; amountCents: number };
export type BillingStretch = { at: Date; plan: string; seats: number };

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const counted = (value: number, unit: string) => `${value} ${unit}${value === 1 ? "" : "s"}`;

/**
 * A stretch of a period in the unit that reads: whole days, else days to a tenth; under a day hours (to a tenth),
 * under an hour whole minutes (a period closed early in test mode lasts minutes).
 */
export function periodLength(ms: number): string {
  if (ms >= DAY_MS)
    return counted(Number.isInteger(ms / DAY_MS) ? ms / DAY_MS : Number((ms / DAY_MS).toFixed(1)), "day");
  if (ms >= HOUR_MS) return counted(Number((ms / HOUR_MS).toFixed(1)), "hour");
  return ms < MINUTE_MS ? "less than a minute" : counted(Math.round(ms / MINUTE_MS), "minute");
}

/** "10 of 30 days" when both are days, else each in its own unit ("3 hours of 1 day"). */
function shareOfPeriod(part: number, whole: number): string {
  const [partText, wholeText] = [periodLength(part), periodLength(whole)];
  const [partCount, partUnit] = partText.split(" ");
  return partUnit === wholeText.split(" ")[1] && partUnit.startsWith("day")
    ? `${partCount} of ${wholeText}`
    : `${partText} of ${wholeText}`;
}

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
        `${day(new Date(to.getTime() - 1))}${whole ? "" : ` (${shareOfPeriod(to.getTime() - from.getTime(), length)})`}`,
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
