import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import { escapeLike } from "./like-pattern";
import { RECENT_VALUE_QUALIFIERS, type RecentValueQualifier } from "./search-suggestions";

/** How many of the organization's newest entries the values are drawn from: the read stays a short index range. */
export const RECENT_ENTRIES_READ = 1000;
/** How many values one answer holds at most (the box shows eight). */
export const MAX_RECENT_VALUES = 10;

export const ZRecentSearchValues = z
  .object({
    field: z.enum(RECENT_VALUE_QUALIFIERS),
    /** What is typed of the value so far; matched anywhere in it, any case. */
    typed: z.string().max(200).default(""),
  })
  .strict();

/** The column each qualifier's values are read from, as its search term compares them (audit-query-where.ts). */
const COLUMN: Record<RecentValueQualifier, Prisma.Sql> = {
  actor: Prisma.sql`actor_display`,
  target: Prisma.sql`target_display`,
  ip: Prisma.sql`ip`,
  country: Prisma.sql`upper(geo->>'country')`,
};

/**
 * The values of one qualifier in an organization's newest entries holding what is typed, those starting with it first,
 * then the most frequent: the search box's suggestions. One bounded statement: the newest RECENT_ENTRIES_READ entries
 * of the organization from its (org_id, seq) index, so the cost does not grow with the trail.
 */
export async function recentSearchValues(
  db: Db | Tx,
  { orgId, field, typed }: { orgId: string } & z.output<typeof ZRecentSearchValues>,
): Promise<string[]> {
  const column = COLUMN[field];
  const holds = `%${escapeLike(typed.toLowerCase())}%`;
  const starts = `${escapeLike(typed.toLowerCase())}%`;
  const rows = await db.$queryRaw<{ value: string }[]>`
    SELECT value FROM (
      SELECT ${column} AS value FROM audit_entries
       WHERE org_id = ${orgId}::uuid
       ORDER BY seq DESC
       LIMIT ${RECENT_ENTRIES_READ}) AS recent
     WHERE value IS NOT NULL AND value <> '' AND lower(value) LIKE ${holds}
     GROUP BY value
     ORDER BY bool_or(lower(value) LIKE ${starts}) DESC, count(*) DESC, value COLLATE "C"
     LIMIT ${MAX_RECENT_VALUES}`;
  return rows.map((row) => row.value);
}
