import "server-only";
import type { Db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; count: number; windowStart: Date; retryAt: Date | null };

/**
 * A fixed-window counter kept in the database, so every app instance counts together. One
 * statement starts a new window or increments the current one, so concurrent hits never lose a count.
 */
export async function hitRateLimit(
  db: Db,
  { key, limit, windowMs, now = new Date() }: { key: string; limit: number; windowMs: number; now?: Date },
): Promise<RateLimitResult> {
  const windowStartFloor = new Date(now.getTime() - windowMs);
  const [row] = await db.$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN rate_limit_buckets.window_start <= ${windowStartFloor} THEN ${now} ELSE rate_limit_buckets.window_start END,
      count = CASE WHEN rate_limit_buckets.window_start <= ${windowStartFloor} THEN 1 ELSE rate_limit_buckets.count + 1 END
    RETURNING count, window_start`;
  const allowed = row.count <= limit;
  return { allowed, count: row.count, windowStart: row.window_start, retryAt: allowed ? null : new Date(row.window_start.getTime() + windowMs) };
}
