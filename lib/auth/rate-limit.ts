import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { type Db } from "@/lib/db/client";

/**
 * No counter's window is longer than this: a bucket whose window started before it is over, whatever its key,
 * and the operational-data purge (lib/lifecycle/operational-retention.ts) removes it. countInWindow refuses longer.
 */
export const LONGEST_RATE_LIMIT_WINDOW_MS = 60 * 60 * 1000;

export type RateLimitResult = { allowed: boolean; count: number; windowStart: Date; retryAt: Date | null };

/**
 * The counting statement: for each (key, now, 1) row of `rows`, start a new window or increment the
 * current one, in one statement, so concurrent hits never lose a count. Returns count and window_start.
 * Also used inside the API key check's single statement (lib/api-keys/authenticate-api-key.ts).
 */
export function countInWindow(rows: Prisma.Sql, { now, windowMs }: { now: Date; windowMs: number }): Prisma.Sql {
  if (windowMs > LONGEST_RATE_LIMIT_WINDOW_MS)
    throw new Error(`a rate-limit window of ${windowMs} ms outlasts the purge's`);
  const windowStartFloor = new Date(now.getTime() - windowMs);
  return Prisma.sql`
    INSERT INTO rate_limit_buckets (key, window_start, count) ${rows}
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN rate_limit_buckets.window_start <= ${windowStartFloor} THEN ${now} ELSE rate_limit_buckets.window_start END,
      count = CASE WHEN rate_limit_buckets.window_start <= ${windowStartFloor} THEN 1 ELSE rate_limit_buckets.count + 1 END
    RETURNING count, window_start`;
}

/** A fixed-window counter kept in the database, so every app instance counts together. */
export async function hitRateLimit(
  db: Db,
  { key, limit, windowMs, now = new Date() }: { key: string; limit: number; windowMs: number; now?: Date },
): Promise<RateLimitResult> {
  const [row] = await db.$queryRaw<{ count: number; window_start: Date }[]>(
    countInWindow(Prisma.sql`VALUES (${key}, ${now}, 1)`, { now, windowMs }),
  );
  const allowed = row.count <= limit;
  return {
    allowed,
    count: row.count,
    windowStart: row.window_start,
    retryAt: allowed ? null : new Date(row.window_start.getTime() + windowMs),
  };
}
