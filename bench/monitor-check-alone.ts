/**
 * bench/monitor-check.ts on its own (bench/checkpoints.ts also runs it, before its integrator figures), in a throwaway
 * database on DATABASE_URL's PostgreSQL server:
 *
 *   DATABASE_URL=postgresql://… npm run bench:monitor
 *
 * Prints one JSON object on stdout, progress on stderr.
 */
import { connectDb } from "@/lib/db/client";
import { withBenchDatabase } from "./bench-database";
import { machine } from "./measure";
import { measureMonitorCheck } from "./monitor-check";

const monitor = await withBenchDatabase(async (url) => {
  const db = connectDb(url);
  try {
    return await measureMonitorCheck(db);
  } finally {
    await db.$disconnect();
  }
});
console.log(JSON.stringify({ machine: machine(), monitor }, null, 2));
