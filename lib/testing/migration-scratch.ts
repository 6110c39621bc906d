import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { openMemoryDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { readMigrations } from "@/lib/db/migrations/migration-files";

/**
 * A scratch database for testing one data migration on rows written before it: `upToBefore()`
 * applies every earlier migration, the test writes its rows the way the old code did, then
 * `apply()` runs the migration under test.
 */
export function migrationScratch(name: string) {
  let scratch: EmbeddedDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    scratch = await openMemoryDatabase();
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
