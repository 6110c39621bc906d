/**
 * The worker's "audit checkpoints" job in a process of its own (bench/checkpoint-lag.ts starts it), as the product
 * runs it: `verity start` serves requests from the web server's process and runs its worker in another, and
 * `verity worker` is a process of its own too. Says "ready" to its parent once connected, runs the job until the
 * parent says "stop", then exits.
 *
 *   node --conditions=react-server --import tsx bench/integrator-worker.ts <database url>
 *   (VERITY_CHECKPOINT_INTERVAL as the parent sets it)
 */
import { connectDb } from "@/lib/db/client";
import { runWorker, WORKER_JOBS } from "@/lib/worker/worker";
import { benchLog } from "./measure";

const db = connectDb(process.argv[2]!);
const job = WORKER_JOBS.find((candidate) => candidate.name === "audit checkpoints")!;
const controller = new AbortController();
process.on("message", (message) => {
  if (message === "stop") controller.abort();
});
process.on("disconnect", () => controller.abort()); // the parent is gone: never run on as an orphan
await db.$queryRaw`SELECT 1`; // the pool's first connection, before the parent's clock starts
process.send!("ready");
await runWorker({ db, signal: controller.signal, jobs: [job], log: benchLog });
await db.$disconnect();
if (process.connected) process.disconnect();
