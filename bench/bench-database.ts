import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { benchLog } from "./measure";

export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `fn` against a throwaway, migrated database `verity_bench_<timestamp>` on DATABASE_URL's
 * PostgreSQL server, dropped afterwards (also on failure) unless BENCH_KEEP_DATABASE=1 asks to keep it
 * for a closer look. Null when DATABASE_URL is not PostgreSQL.
 */
export async function withBenchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T | null> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    benchLog(
      "DATABASE_URL must point to a PostgreSQL server (postgresql://user@host:port/db); the benchmark " +
        "creates and drops its own database there.",
    );
    return null;
  }
  const dbName = `verity_bench_${Date.now()}`;
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${dbName}`;
  benchLog(`creating database ${dbName}`);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${dbName}"`));
  try {
    await applyMigrations(benchUrl.href, { log: benchLog });
    return await fn(benchUrl.href);
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === "1") {
      benchLog(`kept database ${dbName} (BENCH_KEEP_DATABASE=1): drop it with DROP DATABASE "${dbName}"`);
    } else {
      benchLog(`dropping database ${dbName}`);
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(
        (error: unknown) => benchLog(`could not drop ${dbName}: ${(error as Error).message}`),
      );
    }
  }
}
