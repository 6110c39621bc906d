import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, migrationState } from "@/lib/db/migrations/apply-migrations";
import { openFreshDatabase } from "@/lib/testing/database";
import { ensureMigrated } from "./migrate-database";

const saved = { app: process.env.DATABASE_URL, owner: process.env.DATABASE_OWNER_URL };
afterEach(() => {
  process.env.DATABASE_URL = saved.app;
  if (saved.owner === undefined) delete process.env.DATABASE_OWNER_URL;
  else process.env.DATABASE_OWNER_URL = saved.owner;
});

describe("commands other than db migrate and start", () => {
  it("never migrate as the owner: with DATABASE_OWNER_URL set they refuse a database with pending migrations", async () => {
    const fresh = await openFreshDatabase();
    try {
      process.env.DATABASE_URL = fresh.url;
      process.env.DATABASE_OWNER_URL = "postgresql://owner-that-must-not-be-used@127.0.0.1:1/none";
      await expect(ensureMigrated()).rejects.toThrow(/not up to date: run `verity db migrate`/);
      await applyMigrations(fresh.url);
      await expect(ensureMigrated()).resolves.toBeUndefined();
    } finally {
      await fresh.stop();
    }
  });

  it("with one role, migrate as before", async () => {
    const fresh = await openFreshDatabase();
    try {
      process.env.DATABASE_URL = fresh.url;
      delete process.env.DATABASE_OWNER_URL;
      await ensureMigrated();
      expect(await migrationState(fresh.url)).toMatchObject({ pending: [], problems: [] });
    } finally {
      await fresh.stop();
    }
  });
});
