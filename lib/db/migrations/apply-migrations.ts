import { randomUUID } from "node:crypto";
import pg from "pg";
import { readMigrations, type MigrationFile } from "./migration-files";

/** Prisma's own bookkeeping table, created exactly as `prisma migrate` creates it. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Any constant shared by every Verity process: two processes starting at once migrate one at a time. */
const MIGRATION_LOCK_KEY = 72_707_369;

export type MigrationState = {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since (checksum mismatch) or that failed half-way. */
  problems: string[];
};

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/** Runs one SQL statement and gives its rows: a pg client's connection, or the app's shared pool. */
export type RowQuery = <R>(sql: string) => Promise<R[]>;

async function appliedRows(query: RowQuery): Promise<AppliedRow[]> {
  const [exists] = await query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists?.present) return [];
  return query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
}

const onClient =
  (client: pg.ClientBase): RowQuery =>
  async <R>(sql: string) =>
    (await client.query(sql)).rows as R[];

function compare(files: MigrationFile[], rows: AppliedRow[]): MigrationState {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const done = new Map(live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
  const problems = [
    ...live.filter((row) => row.finished_at === null).map((row) => `${row.migration_name}: started but never finished`),
    ...files
      .filter((file) => done.has(file.name) && done.get(file.name)!.checksum !== file.checksum)
      .map((file) => `${file.name}: the file changed after it was applied`),
  ];
  return {
    applied: files.filter((file) => done.has(file.name)).map((file) => file.name),
    pending: files.filter((file) => !done.has(file.name)).map((file) => file.name),
    problems,
  };
}

/** What has been applied to the database at `url` and what is pending. Never writes. */
export async function migrationState(url: string): Promise<MigrationState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrationStateThrough(onClient(client));
  } finally {
    await client.end();
  }
}

/** The same, read through a connection the caller already has (the health check uses the app's pool). */
export async function migrationStateThrough(query: RowQuery): Promise<MigrationState> {
  return compare(readMigrations(), await appliedRows(query));
}

/**
 * Applies pending migrations, each in its own transaction together with its `_prisma_migrations`
 * row, so a failing migration leaves neither half of its DDL nor a record of it.
 */
export async function applyMigrations(url: string, { log = (_: string) => {} } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const files = readMigrations();
    const state = compare(files, await appliedRows(onClient(client)));
    if (state.problems.length > 0) {
      throw new Error(
        `The database's migration history does not match prisma/migrations:\n- ${state.problems.join("\n- ")}`,
      );
    }
    for (const name of state.pending) {
      const file = files.find((candidate) => candidate.name === name)!;
      log(`applying ${name}`);
      await client.query("BEGIN");
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return state.pending;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
