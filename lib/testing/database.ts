import { inject } from "vitest";
import { connectDb, type Db } from "@/lib/db/client";

export const databaseKind = () => inject("databaseKind");
export const isPostgres = () => inject("databaseKind") === "postgresql";

/** The run's migrated test database, also installed as the app's own client (getDb). */
export function testDb(): Db {
  process.env.DATABASE_URL = inject("databaseUrl");
  const globalForDb = globalThis as unknown as { verityDb?: Db };
  globalForDb.verityDb ??= connectDb(inject("databaseUrl"));
  return globalForDb.verityDb;
}
