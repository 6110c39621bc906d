/**
 * One export in a process of its own, for bench/audit-query.ts: its peak resident memory is then the
 * export's (plus what any process running Verity's code holds), not what earlier phases of the
 * benchmark left behind.
 *
 *   BENCH_EXPORT_DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/audit-export-run.ts <org id> <ndjson|csv>
 *
 * Prints one JSON object: entries, bytes, seconds, RSS at start and peak RSS (sampled every 20 ms).
 */
import { exportAuditEntries } from "@/lib/audit/export/export-audit-entries";
import { connectDb } from "@/lib/db/client";

const url = process.env.BENCH_EXPORT_DATABASE_URL;
const [orgId, format] = process.argv.slice(2);
if (!url || !orgId || (format !== "ndjson" && format !== "csv")) {
  process.stderr.write("usage: BENCH_EXPORT_DATABASE_URL=… audit-export-run.ts <org id> <ndjson|csv>\n");
  process.exit(2);
}
const db = connectDb(url);
await db.$queryRaw`SELECT 1`; // connected, as a server is before its first export
const rssAtStart = process.memoryUsage().rss;
let peak = rssAtStart;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const output = exportAuditEntries(db, { orgId, format });
let bytes = 0;
const reader = output.stream.getReader();
for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
const { count } = await output.done;
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
await db.$disconnect();
process.stdout.write(`${JSON.stringify({ count, bytes, seconds, rssAtStart, peakRss: peak })}\n`);
