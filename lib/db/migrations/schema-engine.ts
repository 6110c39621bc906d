import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Prisma's schema engine compiled to WebAssembly: the offline replacement for the native engine
 * that `prisma migrate` would download. The package's entry point imports the .wasm file as an ES
 * module (which Node only allows behind a flag), so the module is instantiated here by hand with the
 * package's own JavaScript glue as its imports.
 */

export function schemaPath(): string {
  return join(process.env.VERITY_ROOT ?? process.cwd(), "prisma", "schema.prisma");
}

let lastPanic: string | null = null;
let glue: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

function loadGlue() {
  glue ??= (async () => {
    // The engine reports a Rust panic's message here before it aborts; keep it for the error.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
        if (process.env.DEBUG_SE) console.error("PANIC", message);
      },
    };
    const require = createRequire(import.meta.url);
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = join(
      require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"),
      "..",
      "schema_engine_bg.wasm",
    );
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    const instance = new WebAssembly.Instance(module, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    (bg as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return glue;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine describes a database through catalog columns of PostgreSQL's one-byte `"char"` type
 * (pg_class.relkind, pg_constraint.contype, …) and reads them as characters, but
 * @prisma/adapter-pg refuses that type. So the pg client below reports those columns to the adapter
 * as text and notes their positions, and the adapter wrapper marks them as characters again in the
 * result it hands the engine. AsyncLocalStorage carries the note from one to the other.
 */
const charColumns = new AsyncLocalStorage<{ indices: number[] }>();

class CatalogFriendlyClient extends pg.Client {
  // pg's overloads cannot be restated on a subclass; pg-pool calls the callback form, the adapter the promise form.
  query(...args: unknown[]): never {
    const note = charColumns.getStore();
    const relabel = (res: pg.QueryResult) => {
      res?.fields?.forEach((field, index) => {
        if (field.dataTypeID !== PG_CHAR_OID) return;
        field.dataTypeID = PG_TEXT_OID;
        note?.indices.push(index);
      });
      return res;
    };
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (error: Error | null, res: pg.QueryResult) => void;
      args[last] = (error: Error | null, res: pg.QueryResult) => callback(error, error ? res : relabel(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(relabel) : result) as never;
  }
}

type Queryable = { queryRaw(query: unknown): Promise<SqlResultSet> };

function restoreCharColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const note = { indices: [] as number[] };
    const result = await charColumns.run(note, () => queryRaw(query));
    for (const index of note.indices) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

function catalogFriendlyAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg({ connectionString: url, Client: CatalogFriendlyClient } as pg.PoolConfig);
  const wrap = async (adapter: SqlDriverAdapter) => {
    restoreCharColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => restoreCharColumns(await startTransaction(...args));
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

/** A schema engine connected to the database at `url`, knowing the current schema.prisma. */
export async function openSchemaEngine(url: string): Promise<SchemaEngine> {
  const bg = await loadGlue();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(catalogFriendlyAdapterFactory(url));
  const schema = readFileSync(schemaPath(), "utf8");
  return bg.SchemaEngine.new({ datamodels: [[schemaPath(), schema]] }, () => {}, adapterFactory);
}

export const noFilters = { externalTables: [], externalEnums: [] };

/**
 * The SQL that takes the database at `url` to what schema.prisma describes; empty when they agree.
 * Objects the schema cannot describe (the audit triggers) are not part of the comparison.
 */
export async function diffDatabaseToSchema(url: string): Promise<string> {
  const engine = await openSchemaEngine(url);
  try {
    const schema = readFileSync(schemaPath(), "utf8");
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [{ path: schemaPath(), content: schema }], configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath(), content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  } catch (error) {
    if (lastPanic) throw new Error(`Prisma's schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    engine.free();
  }
}

/**
 * What Prisma's own migration machinery (`prisma migrate status`) concludes about the database at
 * `url` when compared with prisma/migrations: the proof that Verity's bookkeeping matches Prisma's.
 */
export async function diagnoseMigrationHistory(
  url: string,
  migrations: { name: string; sql: string }[],
  baseDir: string,
) {
  const engine = await openSchemaEngine(url);
  try {
    return await engine.diagnoseMigrationHistory({
      migrationsList: {
        baseDir,
        lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((migration) => ({
          path: migration.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } as never },
        })),
      },
      optInToShadowDatabase: false,
      filters: noFilters,
    });
  } finally {
    engine.free();
  }
}
