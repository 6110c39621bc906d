import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMemoryDatabase, type EmbeddedDatabase } from "../embedded";
import { applyMigrations, migrationState } from "./apply-migrations";
import { migrationsDir, readMigrations } from "./migration-files";
import { diagnoseMigrationHistory, diffDatabaseToSchema } from "./schema-engine";

describe("migrations", () => {
  let scratch: EmbeddedDatabase;
  beforeAll(async () => {
    scratch = await openMemoryDatabase();
  });
  afterAll(() => scratch.stop());

  it("apply cleanly to an empty database, then report nothing pending", async () => {
    const applied = await applyMigrations(scratch.url);
    expect(applied).toEqual(readMigrations().map((migration) => migration.name));
    expect(await applyMigrations(scratch.url)).toEqual([]);
    expect(await migrationState(scratch.url)).toMatchObject({ pending: [], problems: [] });
  });

  it("describe exactly what schema.prisma describes (no drift; author a migration for any change)", async () => {
    const drift = await diffDatabaseToSchema(scratch.url);
    expect(drift.replace(/^-- This is an empty migration\.\s*$/m, "").trim()).toBe("");
  });

  it("are recorded the way Prisma's own migrate status expects", async () => {
    const diagnosis = await diagnoseMigrationHistory(scratch.url, readMigrations(), migrationsDir());
    expect(diagnosis).toMatchObject({
      hasMigrationsTable: true,
      failedMigrationNames: [],
      editedMigrationNames: [],
      history: null,
    });
  });
});
