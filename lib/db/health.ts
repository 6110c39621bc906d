import "server-only";
import { getDb, type Db } from "./client";
import { migrationStateThrough } from "./migrations/apply-migrations";

export type Health = {
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; error?: string };
  migrations: { applied: number; pending: string[]; problems: string[] } | null;
};

/**
 * How long one answer serves every caller. A load balancer, an uptime monitor and a curious
 * stranger polling /api/health cost one database round trip per period between them, not one each.
 */
export const HEALTH_CACHE_MS = 5_000;

/** Asks the database through the app's own connection pool: a health check never opens a connection of its own. */
export async function probeHealth(db: Db): Promise<Health> {
  try {
    const state = await migrationStateThrough((sql) => db.$queryRawUnsafe(sql));
    const healthy = state.pending.length === 0 && state.problems.length === 0;
    return {
      status: healthy ? "ok" : "degraded",
      database: { reachable: true },
      migrations: { applied: state.applied.length, pending: state.pending, problems: state.problems },
    };
  } catch (error) {
    // The reason is logged; the answer only says the database is unreachable (no connection strings).
    console.error("health check: database unreachable", error);
    return {
      status: "down",
      database: { reachable: false, error: "The database cannot be reached." },
      migrations: null,
    };
  }
}

const cache = globalThis as unknown as { verityHealth?: { at: number; health: Promise<Health> } };

/** The latest health, probed at most once per HEALTH_CACHE_MS; concurrent callers share one probe. */
export function checkHealth(now = Date.now()): Promise<Health> {
  const latest = cache.verityHealth;
  if (latest && now - latest.at >= 0 && now - latest.at < HEALTH_CACHE_MS) return latest.health;
  const health = probeHealth(getDb());
  cache.verityHealth = { at: now, health };
  return health;
}
