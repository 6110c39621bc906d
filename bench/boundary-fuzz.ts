/**
 * The boundary fuzz test at scale (issue 15): at least 10,000 generated requests (BENCH_FUZZ_RUNS)
 * against every entry point the guard registers (each /api/v1 operation with a key holding every
 * scope, each org route and server action as the owner, the public ones), through their real
 * handlers, counting the answers. Not a timing benchmark: its figure is the number of 5xx answers,
 * unexpected action errors and writes behind refusals, which must be 0; the suite runs the same cases
 * at a smaller count (lib/guard/boundary-fuzz.test.ts).
 *
 *   DATABASE_URL=postgresql://… npm run bench:boundary-fuzz      (a throwaway database on that server)
 *   npm run bench:boundary-fuzz                                  (in-memory embedded PostgreSQL)
 *   BENCH_FUZZ_RUNS=20000 BENCH_FUZZ_SEED=42 npm run bench:boundary-fuzz
 *
 * Prints one JSON object on stdout (requests, answers by status, 5xx, failures and the first one, the
 * seed to replay it, whether the target's hash chain still verifies), progress on stderr. Exits 1 when
 * anything failed.
 */
import { readdirSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { connectDb, type Db } from "@/lib/db/client";
import { openMemoryDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { withBenchDatabase } from "./bench-database";
import { benchLog } from "./measure";

register("./server-module-hooks.mjs", import.meta.url);

const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? Date.now() % 2 ** 31);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Every route and action module under app/, so that each registers its entry point with the guard.
 * A module that cannot load outside Next (next-auth's own route) is named and left out.
 */
async function loadAppModules(): Promise<string[]> {
  const files = readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
  const notLoaded: string[] = [];
  for (const file of files) {
    try {
      await import(pathToFileURL(path.join(root, "app", file)).href);
    } catch (error) {
      benchLog(`could not load app/${file} outside Next: ${(error as Error).message}`);
      notLoaded.push(`app/${file}`);
    }
  }
  benchLog(`loaded ${files.length - notLoaded.length} of ${files.length} app modules`);
  return notLoaded;
}

async function fuzz(url: string, database: string) {
  process.env.DATABASE_URL = url;
  const db: Db = connectDb(url);
  (globalThis as { verityDb?: Db }).verityDb = db; // the handlers' getDb()
  try {
    const modulesNotLoaded = await loadAppModules();
    const { runBoundaryFuzz } = await import("@/lib/testing/boundary-fuzz/run-boundary-fuzz");
    benchLog(`sending ${RUNS} generated requests (seed ${SEED})`);
    const figures = await runBoundaryFuzz(db, {
      runs: RUNS,
      seed: SEED,
      onProgress: (done, so) => benchLog(`${done}/${RUNS} requests, ${so.serverErrors} 5xx, ${so.failures} failures`),
    });
    return { database, seed: SEED, ...figures, refusedByDatabase, modulesNotLoaded };
  } finally {
    await db.$disconnect();
  }
}

/** Input the guard let through and PostgreSQL refused (answered 400 by the error mapper's last line of defence): should be 0 too. */
let refusedByDatabase = 0;

async function main(): Promise<number> {
  console.warn = (...args: unknown[]) => {
    if (String(args[0]).includes("input refused by the database")) refusedByDatabase++;
  };
  if (process.env.DATABASE_URL) {
    const report = await withBenchDatabase((url) => fuzz(url, "postgresql"));
    if (!report) return 2;
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.failures === 0 && report.chainIntact ? 0 : 1;
  }
  const memory = await openMemoryDatabase();
  try {
    await applyMigrations(memory.url, { log: benchLog });
    const report = await fuzz(memory.url, "pglite (in memory)");
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.failures === 0 && report.chainIntact ? 0 : 1;
  } finally {
    await memory.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    benchLog(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
