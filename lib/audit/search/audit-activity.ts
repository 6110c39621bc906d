import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import { AUDIT_CATEGORIES, type AuditCategory } from "../event-catalog";

export const ZAuditActivity = z.object({ days: z.coerce.number().int().min(1).max(366).default(90) });

export type AuditActivityDay = { day: string; counts: Record<AuditCategory, number> };

const DAY_MS = 86_400_000;
const emptyCounts = () =>
  Object.fromEntries(AUDIT_CATEGORIES.map((category) => [category, 0])) as Record<AuditCategory, number>;

/**
 * Entries per UTC day and category for the last `days` days, today included, oldest first. Every
 * day and every category is present (zero when quiet), so a chart needs no gap-filling.
 */
export async function auditActivity(
  db: Db | Tx,
  { orgId, days, now = new Date() }: { orgId: string; days: number; now?: Date },
): Promise<{ days: AuditActivityDay[] }> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (days - 1) * DAY_MS;
  const rows = await db.$queryRaw<{ day: string; category: string; count: bigint }[]>`
    SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, category, count(*) AS count
      FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND occurred_at >= ${new Date(first).toISOString()}::timestamptz
       AND occurred_at < ${new Date(today + DAY_MS).toISOString()}::timestamptz
     GROUP BY 1, 2`;
  const byDay = new Map<string, AuditActivityDay>();
  for (let time = first; time <= today; time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    byDay.set(day, { day, counts: emptyCounts() });
  }
  for (const row of rows) {
    const counts = byDay.get(row.day)?.counts;
    if (counts && row.category in counts) counts[row.category as AuditCategory] += Number(row.count);
  }
  return { days: [...byDay.values()] };
}
