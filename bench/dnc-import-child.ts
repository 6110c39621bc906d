/**
 * One DNC import in a process of its own (bench/dnc-import.ts starts it), as the product runs it: the route's
 * service, importDncCsv, in one transaction, reading the CSV file as a stream of chunks. `parse` reads the same file
 * through csv-parse alone (the same-run baseline: what reading costs before any validation or write). Prints one
 * JSON line: rows, seconds, this process's CPU seconds, RSS before the import and its high-water mark (VmHWM).
 *
 *   node --conditions=react-server --import tsx bench/dnc-import-child.ts import|parse <csv file>
 *   (import reads DATABASE_URL and BENCH_CTX, the org context as JSON)
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse";
import type { OrgContext } from "@/lib/context";
import { connectDb } from "@/lib/db/client";
import { importDncCsv } from "@/lib/messaging/dnc-import/import-dnc-csv";

const [mode, file] = process.argv.slice(2);

/** The kernel's high-water mark of this process's resident set, in bytes (every page it ever held at once). */
async function peakRss(): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : process.memoryUsage().rss;
}

async function run(): Promise<{ rows: number; added?: number; rejected?: number }> {
  if (mode === "parse") {
    let rows = 0;
    for await (const record of createReadStream(file).pipe(parse({ columns: true }))) if (record) rows++;
    return { rows };
  }
  const db = connectDb(process.env.DATABASE_URL!);
  try {
    await db.$queryRaw`SELECT 1`; // the pool's first connection, before the clock starts
    const ctx = JSON.parse(process.env.BENCH_CTX!) as OrgContext;
    const report = await db.$transaction(
      (tx) =>
        importDncCsv(tx, ctx, {
          bytes: createReadStream(file),
          fileName: "bench.csv",
          ...(process.env.BENCH_BATCH_ROWS ? { batchRows: Number(process.env.BENCH_BATCH_ROWS) } : {}),
        }),
      { timeout: 30 * 60_000 },
    );
    return { rows: report.rows, added: report.added, rejected: report.rejected };
  } finally {
    await db.$disconnect();
  }
}

const rssBefore = process.memoryUsage().rss;
if (process.env.BENCH_MEMORY_TRACE) {
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  setInterval(() => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    process.stderr.write(
      `rss ${mb(rss)} heap ${mb(heapUsed)}/${mb(heapTotal)} external ${mb(external)} ab ${mb(arrayBuffers)}\n`,
    );
  }, 500).unref();
}
const started = performance.now();
const cpu = process.cpuUsage();
const result = await run();
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    mode,
    ...result,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: (await peakRss()) / 2 ** 20,
  }),
);
