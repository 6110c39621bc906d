import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { readMigrations } from "@/lib/db/migrations/migration-files";
import { openFreshDatabase } from "./database";

/**
 * A scratch database for testing one data migration on rows written before it (a new database on
 * the run's PostgreSQL server, or an in-memory PGlite): `upToBefore()` applies every earlier
 * migration, the test writes its rows the way the old code did, then `apply()` runs the migration
 * under test.
 */
export function migrationScratch(name: string) {
  let scratch: Awaited<ReturnType<typeof openFreshDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    scratch = await openFreshDatabase();
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await scratch.stop();
  });
  const migrations = readMigrations();
  const index = migrations.findIndex((migration) => migration.name === name);
  return {
    client: () => client,
    async upToBefore() {
      expect(index, `migration ${name} exists`).toBeGreaterThan(0);
      for (const migration of migrations.slice(0, index)) await client.query(migration.sql);
    },
    apply: () => client.query(migrations[index].sql),
  };
}
