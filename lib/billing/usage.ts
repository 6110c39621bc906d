import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

import { USAGE_METRICS, type UsageDays, type UsageMetric } from "./billing-view";
import { meteredPeriodStart } from "./metered-period";

export { USAGE_METRICS, type UsageMetric };

/**
 * Counts `amount` of a metric for the organization, in its billing period and UTC day of `now`, in the caller's
 * transaction: the count commits with what it counts, so usage is never lost and never counted for work that
 * rolled back, and it lands in exactly one period (metered-period.ts).
 */
export async function meter(
  client: Tx | Db,
  orgId: string,
  metric: UsageMetric,
  amount = 1,
  now = new Date(),
): Promise<void> {
  await client.$executeRaw`
    INSERT INTO usage_counters (org_id, period_start, metric, day, count)
    VALUES (${orgId}::uuid, ${meteredPeriodStart(orgId, now)}, ${metric}, (${now}::timestamptz AT TIME ZONE 'UTC')::date, ${amount})
    ON CONFLICT (org_id, period_start, metric, day) DO UPDATE SET count = usage_counters.count + EXCLUDED.count`;
}

/**
 * meter() as a CTE named `name` of a larger statement, which it commits with: for each org of `rows` (SQL of a FROM
 * item aliased `r`, with columns org_id and count), the sum of its counts, at the statement's time. The REST ingest
 * counts the events it appends on their own so (lib/rest/ingest-appender.ts).
 */
export function meterCte(name: string, metric: UsageMetric, rows: string): string {
  if (!USAGE_METRICS.includes(metric)) throw new Error(`unknown usage metric ${metric}`);
  const periodStart = meteredPeriodStart(Prisma.raw("r.org_id"), Prisma.raw("pg_catalog.now()"));
  return `${name} AS (
       INSERT INTO usage_counters (org_id, period_start, metric, day, count)
       SELECT r.org_id, ${periodStart.text}, '${metric}', (pg_catalog.now() AT TIME ZONE 'UTC')::date, sum(r.count)
         FROM ${rows}
        GROUP BY r.org_id
       ON CONFLICT (org_id, period_start, metric, day) DO UPDATE SET count = usage_counters.count + EXCLUDED.count
     )`;
}

/** Totals per metric in the billing period that starts at `periodStart`: what its invoice and the billing screen show. */
export async function usageInPeriod(
  client: Tx | Db,
  orgId: string,
  periodStart: Date,
): Promise<Record<UsageMetric, number>> {
  const rows = await client.$queryRaw<{ metric: UsageMetric; total: bigint }[]>`
    SELECT metric, sum(count)::bigint AS total FROM usage_counters
     WHERE org_id = ${orgId}::uuid AND period_start = ${periodStart}::timestamptz
     GROUP BY metric`;
  const totals = Object.fromEntries(USAGE_METRICS.map((metric) => [metric, 0])) as Record<UsageMetric, number>;
  for (const row of rows) totals[row.metric] = Number(row.total);
  return totals;
}

/** Daily counts of the period [from, to), zero-filled, for the billing screen's chart (the same counts as its totals). */
export async function dailyUsage(client: Tx | Db, orgId: string, from: Date, to: Date): Promise<UsageDays> {
  const rows = await client.$queryRaw<{ day: Date; metric: UsageMetric; count: bigint }[]>`
    SELECT day, metric, count FROM usage_counters
     WHERE org_id = ${orgId}::uuid AND period_start = ${from}::timestamptz`;
  const days: UsageDays = [];
  for (
    let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    t < to.getTime();
    t += 86_400_000
  ) {
    days.push({
      day: new Date(t).toISOString().slice(0, 10),
      counts: { ingested_events: 0, api_requests: 0, webhook_deliveries: 0 },
    });
  }
  const index = new Map(days.map((entry) => [entry.day, entry]));
  for (const row of rows) {
    const entry = index.get(row.day.toISOString().slice(0, 10));
    if (entry) entry.counts[row.metric] = Number(row.count);
  }
  return days;
}
