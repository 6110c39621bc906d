/**
 * One export in a process of its own, for bench/audit-query.ts: its peak resident memory is then the
 * export's (plus what any process running Verity's code holds), not what earlier phases of the
 * benchmark left behind.
 *
 *   BENCH_EXPORT_DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/audit-export-run.ts <org id> <ndjson|csv>
 *
 * Prints one JSON object: entries, bytes, seconds, RSS at start and peak RSS (sampled every 20 ms), measured
 * with the shared harness (bench/measure.ts).
 */
import { exportAuditEntries } from "@/lib/audit/export/export-audit-entries";
import { connectDb } from "@/lib/db/client";
import { sampleRss, timed } from "./measure";

const url = process.env.BENCH_EXPORT_DATABASE_URL;
const [orgId, format] = process.argv.slice(2);
if (!url || !orgId || (format !== "ndjson" && format !== "csv")) {
  process.stderr.write("usage: BENCH_EXPORT_DATABASE_URL=… audit-export-run.ts <org id> <ndjson|csv>\n");
  process.exit(2);
}
const db = connectDb(url);
await db.$queryRaw`SELECT 1`; // connected, as a server is before its first export
const memory = sampleRss(20);
const { result: exported, ms } = await timed(async () => {
  const output = exportAuditEntries(db, { orgId, format });
  let bytes = 0;
  const reader = output.stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
  const { count } = await output.done;
  return { count, bytes };
});
const { rssAtStart, peakRss } = memory.stop();
await db.$disconnect();
const { count, bytes } = exported;
process.stdout.write(`${JSON.stringify({ count, bytes, seconds: ms / 1000, rssAtStart, peakRss })}\n`);
