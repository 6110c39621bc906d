import "server-only";
import type { OrgContext } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/client";
import type { AttemptDay } from "./schemas";
export type { AttemptDay } from "./schemas";

/** As many days as deliveries are kept at most in view: the chart's window. */
export const SUCCESS_RATE_DAYS = 30;
const DAY_MS = 24 * 3600_000;

/**
 * An endpoint's attempts per UTC day over the last 30 days, oldest first, every day present (zero when quiet):
 * the success-rate chart on its page. Attempts, not deliveries: a delivery that succeeded on its third try
 * counts two failures and a success, which is what the receiver's health looks like. Scoped by the org in the
 * query itself (the endpoint id comes from the URL).
 */
export async function endpointSuccessRate(
  tx: Tx,
  ctx: OrgContext,
  endpointId: string,
  now = new Date(),
): Promise<AttemptDay[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (SUCCESS_RATE_DAYS - 1) * DAY_MS);
  const rows = await tx.$queryRaw<AttemptDay[]>(Prisma.sql`
    SELECT to_char((a.started_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS attempts,
           (count(*) FILTER (WHERE a.status BETWEEN 200 AND 299))::int AS succeeded
      FROM webhook_attempts a
      JOIN webhook_deliveries d ON d.id = a.delivery_id
     WHERE d.endpoint_id = ${endpointId}::uuid AND d.org_id = ${ctx.org.id}::uuid AND a.started_at >= ${since}
     GROUP BY 1`);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: SUCCESS_RATE_DAYS }, (_, index) => {
    const day = new Date(since.getTime() + index * DAY_MS).toISOString().slice(0, 10);
    return { day, attempts: byDay.get(day)?.attempts ?? 0, succeeded: byDay.get(day)?.succeeded ?? 0 };
  });
}
