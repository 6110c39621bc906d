import pg from "pg";
import { inject } from "vitest";
import { connectDb, type Db } from "@/lib/db/client";
import { openMemoryDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";

export const databaseKind = () => inject("databaseKind");
export const isPostgres = () => inject("databaseKind") === "postgresql";

/** The run's migrated test database, also installed as the app's own client (getDb). */
export function testDb(): Db {
  process.env.DATABASE_URL = inject("databaseUrl");
  const globalForDb = globalThis as unknown as { verityDb?: Db };
  globalForDb.verityDb ??= connectDb(inject("databaseUrl"));
  return globalForDb.verityDb;
}

/** A brand-new database beside the run's: another database on the PostgreSQL server, or another in-memory PGlite. */
export async function openFreshDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!isPostgres()) return openMemoryDatabase();
  const name = `verity_fresh_${Date.now()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Runs `body` on a fresh, migrated, empty database installed as the app's client (getDb): a new
 * instance, for what only happens on one (its first account). The run's database is back afterwards.
 */
export async function withFreshDatabase<T>(body: (db: Db) => Promise<T>): Promise<T> {
  const fresh = await openFreshDatabase();
  const globalForDb = globalThis as unknown as { verityDb?: Db };
  const saved = { db: globalForDb.verityDb, url: process.env.DATABASE_URL };
  const db = connectDb(fresh.url);
  try {
    await applyMigrations(fresh.url);
    globalForDb.verityDb = db;
    process.env.DATABASE_URL = fresh.url;
    return await body(db);
  } finally {
    globalForDb.verityDb = saved.db;
    process.env.DATABASE_URL = saved.url;
    await db.$disconnect();
    await fresh.stop();
  }
}
