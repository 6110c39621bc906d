import { Prisma } from "@/lib/db/generated/client";

/**
 * The SQL for the start of the billing period that a count metered at `at` falls in: the account's current
 * period, or, when that period has ended but is not closed yet, the later one that holds `at` (periods run
 * month after month from the current end, as closing opens them). Without an account, the UTC day.
 *
 * The account row is read `FOR KEY SHARE`: closing a period locks it `FOR UPDATE`, so a close waits for every
 * statement or transaction that has metered into the period, and anything metered after the close sees the
 * next period. Each count therefore lands in exactly one invoice, the same one the billing screen shows it in.
 * The org and the time may be SQL of the statement around it (a column, `pg_catalog.now()`).
 */
export function meteredPeriodStart(orgId: Prisma.Sql | string, at: Date | Prisma.Sql): Prisma.Sql {
  const org = typeof orgId === "string" ? Prisma.sql`${orgId}::uuid` : orgId;
  return Prisma.sql`COALESCE(
    (SELECT CASE WHEN ${at}::timestamptz < b.period_end THEN b.period_start
                 ELSE (SELECT max(s) FROM generate_series(b.period_end AT TIME ZONE 'UTC',
                                                          ${at}::timestamptz AT TIME ZONE 'UTC',
                                                          interval '1 month') s) AT TIME ZONE 'UTC' END
       FROM billing_accounts b WHERE b.org_id = ${org} FOR KEY SHARE),
    date_trunc('day', ${at}::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
}
