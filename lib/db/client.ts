import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/client";
import { databaseUrl, isEmbeddedDatabaseUrl } from "./database-url";

/**
 * Columns that hold secrets or their hashes. They are left out of every query result unless a
 * query asks for them with `omit: { column: false }`, so a new screen or API response cannot leak
 * them by selecting a whole row.
 */
const omitSecrets = {
  user: { passwordHash: true, totpSecret: true, totpPendingSecret: true },
} as const;

type Pool = { pool: pg.Pool; prepare: boolean };

const globalForDb = globalThis as unknown as { verityDb?: Db; verityPools?: WeakMap<object, Pool> };
/**
 * Each client's connection pool, for the queries below that skip the ORM. Keyed by the client
 * object itself, so a transaction client (another object) never finds it and stays on its own
 * connection; kept on globalThis beside the client, so a module reload finds it too.
 */
const pools = (globalForDb.verityPools ??= new WeakMap<object, Pool>());

/**
 * Named prepared statements, unless VERITY_DB_PREPARE=off (a connection pooler in transaction mode
 * that does not carry them) or the embedded database, which serves every connection from one
 * backend session, where a name prepared by one connection collides with the same name from another.
 */
const preparesStatements = (url: string) => process.env.VERITY_DB_PREPARE !== "off" && !isEmbeddedDatabaseUrl(url);

/** Work to run right after a transaction commits, with the client it ran on (afterCommit). */
type AfterCommitHook = (db: Db) => Promise<void>;
/**
 * Each open interactive transaction's after-commit work, by its transaction client; work registered once per key.
 * Kept on globalThis like the pools: the production server may load this module once per bundle, and the client
 * (on globalThis) runs the hooks of whichever copy registered them.
 */
const globalForHooks = globalThis as unknown as {
  verityAfterCommitHooks?: WeakMap<object, Map<string, AfterCommitHook>>;
};
const afterCommitHooks = (globalForHooks.verityAfterCommitHooks ??= new WeakMap<
  object,
  Map<string, AfterCommitHook>
>());

function createClient(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.VERITY_DB_POOL_SIZE ?? 10) });
  pool.on("error", () => {}); // an idle connection that drops is replaced on the next checkout
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), omit: omitSecrets });
  pools.set(client, { pool, prepare: preparesStatements(url) });
  runsAfterCommitHooks(client);
  return client;
}

/**
 * The interactive `$transaction(async (tx) => …)` runs the work its transaction registered with
 * afterCommit once it has committed, before it returns (none if it rolled back). The array form is
 * left as it is: it cannot register any.
 */
function runsAfterCommitHooks(client: { $transaction: unknown }) {
  const original = (client.$transaction as (...args: unknown[]) => Promise<unknown>).bind(client);
  const wrapped = async (work: unknown, options?: unknown) => {
    if (typeof work !== "function") return original(work, options);
    const hooks = new Map<string, AfterCommitHook>();
    const result = await original(async (tx: object) => {
      afterCommitHooks.set(tx, hooks);
      return (work as (tx: object) => Promise<unknown>)(tx);
    }, options);
    for (const [key, hook] of hooks) {
      // The transaction has committed: its caller gets its result whatever happens here. Work that fails is
      // the hook's to recover from otherwise (the audit linker's is the sweeper, lib/audit/link-committed.ts).
      await hook(client as unknown as Db).catch((error: unknown) =>
        console.error(`after commit: ${key} failed`, error),
      );
    }
    return result;
  };
  (client as unknown as { $transaction: typeof wrapped }).$transaction = wrapped;
}

/**
 * Registers `hook` to run right after the transaction of `tx` commits, in the same process, before its
 * `$transaction` returns; a second registration under the same key is ignored. Answers false when `tx`
 * is not a transaction of a client made here (then nothing runs after its commit).
 */
export function afterCommit(tx: object, key: string, hook: AfterCommitHook): boolean {
  const hooks = afterCommitHooks.get(tx);
  if (!hooks) return false;
  if (!hooks.has(key)) hooks.set(key, hook);
  return true;
}

export type Db = ReturnType<typeof createClient>;
/** The transaction client handed to domain services by `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/**
 * A transaction client, and never the client itself: handing `getDb()` where the caller's
 * transaction must be joined is a type error instead of a write that silently commits on its own.
 * The client's type has `$connect` and a Tx's does not (Prisma's types keep `$transaction` on both).
 */
export type InTransaction = Tx & { $connect?: never };

/**
 * The client as a read's handler gets it (a GET of /api/v1): the query API of a Tx, on the connection pool,
 * each statement on its own. A read needs no interactive transaction: under READ COMMITTED each statement
 * takes its own snapshot inside one too, and BEGIN, COMMIT and the ORM's transaction bookkeeping cost more
 * than the read. Its `$connect` makes it no InTransaction, so no audit entry can be appended through it.
 */
export type ReadClient = Tx & Pick<Db, "$connect">;

/** The process-wide client. Next's dev server reloads modules, so it lives on globalThis. */
export function getDb(): Db {
  globalForDb.verityDb ??= createClient(databaseUrl());
  return globalForDb.verityDb;
}

/** The process-wide client, typed for reads (ReadClient). */
export function readClient(): ReadClient {
  return getDb() as unknown as ReadClient;
}

/** A client of its own, for tests and tools that talk to a specific database. */
export function connectDb(url: string): Db {
  return createClient(url);
}

/** A statement with $1, $2… placeholders and their values: a Prisma.sql`…` template, or SQL text written so. */
export type Statement = { text: string; values: unknown[] };

/**
 * Runs a statement that sits on the path of many requests (the API key check, an audit entry appended on its own, a
 * secret read by a key) straight on the client's connection pool, prepared once per connection under `name`:
 * PostgreSQL plans it once instead of on every call, and the ORM's per-query work is skipped. Column types come back
 * as `pg` parses them (timestamptz as Date, int4 as number, int8 as string, text[] as string[]), as `$queryRaw` gives
 * them but for int8 (a bigint there). Where statements are not prepared (preparesStatements) it runs unnamed.
 *
 * A connection whose prepared statement went stale (a migration changed a column it returns, or a
 * pooler lost it) is closed instead of returned to the pool, and the call runs once more unnamed:
 * the next connection prepares it afresh.
 */
export async function queryPrepared<T>(db: Db, name: string, sql: Statement): Promise<T[]> {
  const target = pools.get(db);
  if (!target) return db.$queryRawUnsafe<T[]>(sql.text, ...sql.values);
  const unnamed = async () =>
    (await target.pool.query<T & pg.QueryResultRow>({ text: sql.text, values: sql.values })).rows;
  if (!target.prepare) return unnamed();
  const connection = await target.pool.connect();
  let stale = false;
  try {
    return (await connection.query<T & pg.QueryResultRow>({ name, text: sql.text, values: sql.values })).rows;
  } catch (error) {
    stale = isStalePreparedStatement(error);
    if (!stale) throw error;
  } finally {
    connection.release(stale);
  }
  return unnamed();
}

/** int8 as bigint, as `$queryRaw` gives it; every other type as `pg` parses it (the same as `$queryRaw` for them). */
const INT8_AS_BIGINT = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * `$queryRaw` for a read that returns many rows on the path of many requests (a page of the audit trail): on the
 * client, straight from its connection pool, without the ORM's per-row mapping, which costs more than the rows
 * themselves; rows come back as `$queryRaw` gives them (int8 as bigint, timestamptz as Date, jsonb parsed). On a
 * transaction client (which has no pool of its own) it is `$queryRaw`, on the transaction's connection.
 */
export async function queryRows<T>(db: Db | Tx, sql: Statement): Promise<T[]> {
  const target = pools.get(db);
  if (!target) return db.$queryRawUnsafe<T[]>(sql.text, ...sql.values);
  const result = await target.pool.query<T & pg.QueryResultRow>({
    text: sql.text,
    values: sql.values,
    types: INT8_AS_BIGINT,
  });
  return result.rows;
}

/** "cached plan must not change result type" (0A000) and "prepared statement … does not exist" (26000). */
function isStalePreparedStatement(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === "26000" || (code === "0A000" && /cached plan/.test(message ?? ""));
}

/** Every column as PostgreSQL's own text output: no Date, number or JSON parsing per value. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/**
 * Many rows, fast: each row an array of its columns as PostgreSQL's text output (NULL as null), in
 * the select list's order, read straight from the connection pool without the ORM's per-row mapping
 * (several times the cost of the rows themselves). Cast every column to text and give each a name of
 * its own in `sql`: a transaction client has no pool of its own, so there the rows come through
 * `$queryRaw` as objects, which would convert values by type and fold columns of the same name.
 */
export async function queryTextRows(db: Db | Tx, sql: Prisma.Sql): Promise<(string | null)[][]> {
  const target = pools.get(db);
  if (!target) return (await db.$queryRaw<Record<string, string | null>[]>(sql)).map((row) => Object.values(row));
  const result = await target.pool.query<(string | null)[]>({
    text: sql.text,
    values: sql.values,
    rowMode: "array",
    types: AS_TEXT,
  });
  return result.rows;
}
