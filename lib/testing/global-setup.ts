import pg from "pg";
import type { TestProject } from "vitest/node";
import { openMemoryDatabase } from "../db/embedded";
import { applyMigrations } from "../db/migrations/apply-migrations";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgresql" | "pglite";
  }
}

/**
 * One migrated database for the run: a fresh database on the PostgreSQL server named by
 * DATABASE_URL (dropped afterwards), or an in-memory PGlite served on loopback.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const memory = await openMemoryDatabase();
    await applyMigrations(memory.url);
    project.provide("databaseUrl", memory.url);
    project.provide("databaseKind", "pglite");
    return () => memory.stop();
  }

  const name = `verity_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  project.provide("databaseUrl", url.toString());
  project.provide("databaseKind", "postgresql");
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
