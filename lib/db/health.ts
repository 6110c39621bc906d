import "server-only";
import { databaseUrl } from "./database-url";
import { migrationState } from "./migrations/apply-migrations";

export type Health = {
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; error?: string };
  migrations: { applied: number; pending: string[]; problems: string[] } | null;
};

export async function checkHealth(): Promise<Health> {
  try {
    const state = await migrationState(databaseUrl());
    const healthy = state.pending.length === 0 && state.problems.length === 0;
    return {
      status: healthy ? "ok" : "degraded",
      database: { reachable: true },
      migrations: { applied: state.applied.length, pending: state.pending, problems: state.problems },
    };
  } catch (error) {
    // The reason is logged; the answer only says the database is unreachable (no connection strings).
    console.error("health check: database unreachable", error);
    return { status: "down", database: { reachable: false, error: "The database cannot be reached." }, migrations: null };
  }
}
