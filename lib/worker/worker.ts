import "server-only";
import { sweepApiKeys } from "@/lib/api-keys/sweep-api-keys";
import type { Db } from "@/lib/db";
import { deliverPendingMail, describeSendError, smtpConfigured } from "@/lib/mail";

/** A recurring job: `run` is called every `everyMs`, never twice at once, and its failures are logged, not fatal. */
export type WorkerJob = { name: string; everyMs: number; run: (db: Db) => Promise<unknown> };

/**
 * Verity's background work. `verity start` runs it inside the server's process; `verity worker` runs
 * it alone (for a deployment with separate worker instances). Every job is safe to run in several
 * workers at once: each claims its rows with compare-and-set or SKIP LOCKED.
 */
export const WORKER_JOBS: WorkerJob[] = [
  { name: "api key expiry", everyMs: 60_000, run: (db) => sweepApiKeys(db) },
  { name: "mail", everyMs: 15_000, run: (db) => (smtpConfigured() ? deliverPendingMail({ db }) : Promise.resolve(null)) },
];

export type WorkerOptions = { db: Db; signal: AbortSignal; jobs?: WorkerJob[]; log?: (line: string) => void };

/** Runs the jobs until the signal aborts; resolves once the jobs in flight have finished. */
export async function runWorker({ db, signal, jobs = WORKER_JOBS, log = (line) => process.stderr.write(`${line}\n`) }: WorkerOptions): Promise<void> {
  await Promise.all(
    jobs.map(async (job) => {
      while (!signal.aborted) {
        try {
          await job.run(db);
        } catch (error) {
          log(`worker: ${job.name} failed: ${describeSendError(error)}`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, job.everyMs);
          signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }),
  );
}
