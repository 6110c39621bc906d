import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { databaseUrl } from "./database-url";

/**
 * Columns that hold secrets or their hashes. They are left out of every query result unless a
 * query asks for them with `omit: { column: false }`, so a new screen or API response cannot leak
 * them by selecting a whole row.
 */
const omitSecrets = {
  user: { passwordHash: true, totpSecret: true, totpPendingSecret: true },
} as const;

function createClient(url: string) {
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.VERITY_DB_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter, omit: omitSecrets });
}

export type Db = ReturnType<typeof createClient>;
/** The transaction client handed to domain services by `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { verityDb?: Db };

/** The process-wide client. Next's dev server reloads modules, so it lives on globalThis. */
export function getDb(): Db {
  globalForDb.verityDb ??= createClient(databaseUrl());
  return globalForDb.verityDb;
}

/** A client of its own, for tests and tools that talk to a specific database. */
export function connectDb(url: string): Db {
  return createClient(url);
}
