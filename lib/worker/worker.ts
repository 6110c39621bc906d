import "server-only";
import { setMaxListeners } from "node:events";
import { sweepApiKeys } from "@/lib/api-keys/sweep-api-keys";
import { integrateDueOrgs } from "@/lib/audit/integrate/integrate-due-orgs";
import { linkAllPendingEntries } from "@/lib/audit/link-committed";
import {
  cosignDueCheckpoints,
  describeWitnessRun,
  newCosigningMemory,
} from "@/lib/audit/witness/cosign-due-checkpoints";
import { witnessesFromEnvironment } from "@/lib/audit/witness/witness-config";
import { closeDuePeriods } from "@/lib/billing/invoices";
import { archiveDueOrgs } from "@/lib/lifecycle/archive/archive-due-orgs";
import { openArchiveStore } from "@/lib/lifecycle/archive/open-archive-store";
import { purgeDueOrgs } from "@/lib/lifecycle/archive/purge-due-orgs";
import type { Db } from "@/lib/db/client";
import { deliverPendingMail, describeSendError, eraseExpiredMailBodies, smtpConfigured } from "@/lib/mail";
import { deliverDueMessages, type DeliveryOptions } from "@/lib/messaging/delivery/deliver-due-messages";
import { describePurge, purgeOperationalData } from "@/lib/lifecycle/purge-operational-data";
import { destroyDeletedSecrets } from "@/lib/secrets/destroy-deleted-secrets";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-due";
import { mailNewSecurityAlerts } from "@/lib/security-alerts/mail-new-alerts";
import { runDueRecordingWork } from "@/lib/recordings/bulk/run-due-recording-work";
import { sweepRecordings } from "@/lib/recordings/sweep/sweep-recordings";

const WEBHOOK_BATCH = 50;
/** Which witness rests after a failure and which checkpoint each refused, across this worker's runs. */
const cosigningMemory = newCosigningMemory();

/**
 * A recurring job: `run` is called every `everyMs`, never twice at once, and its failures are logged, not fatal.
 * `log` is the worker's log, for what a job reports (the purge's counts).
 */
export type WorkerJob = {
  name: string;
  everyMs: number;
  run: (db: Db, signal: AbortSignal, log: (line: string) => void) => Promise<unknown>;
};

/**
 * Deletes the operational data past its retention (lib/lifecycle/operational-retention.ts) and logs how many rows
 * of each kind went, when any did: counts in the log, not in the audit trail. `now` is for tests.
 */
export function operationalRetentionJob({ now = () => new Date() }: { now?: () => Date } = {}): WorkerJob {
  return {
    name: "operational data retention",
    everyMs: 10 * 60_000,
    run: async (db, signal, log) => {
      const counts = await purgeOperationalData(db, { now: now(), signal });
      if (Object.values(counts).some((count) => count > 0)) log(`worker: purged ${describePurge(counts)}`);
    },
  };
}

/**
 * Integrates each org's new entries into its Merkle tree and signs a checkpoint, at most every
 * VERITY_CHECKPOINT_INTERVAL seconds per org; per-org leases keep several workers off the same org. `orgIds`
 * limits it to some organizations (tests that share a database with others).
 */
export function auditCheckpointsJob({ orgIds }: { orgIds?: string[] } = {}): WorkerJob {
  return {
    name: "audit checkpoints",
    everyMs: 250,
    run: async (db, signal) => {
      const outcomes = await integrateDueOrgs(db, { signal, orgIds });
      const failed = [...outcomes].filter(([, outcome]) => outcome.status === "failed").map(([orgId]) => orgId);
      // The others were integrated; the log names the organizations whose run failed (retried next time).
      if (failed.length > 0) throw new Error(`could not integrate organization(s) ${failed.join(", ")}`);
    },
  };
}

/**
 * Sends each org's latest checkpoint to the witnesses of VERITY_WITNESSES (C2SP tlog-witness) and stores their
 * verified cosignatures: a job of its own, so a slow or absent witness never delays signing. `orgIds` as above.
 */
export function witnessCosignaturesJob({ orgIds }: { orgIds?: string[] } = {}): WorkerJob {
  return {
    name: "witness cosignatures",
    everyMs: 1_000,
    run: async (db) => {
      const witnesses = witnessesFromEnvironment();
      if (witnesses.length === 0) return;
      const runs = await cosignDueCheckpoints(db, { witnesses, memory: cosigningMemory, orgIds });
      const problems = runs.map(describeWitnessRun).filter((line) => line !== null);
      // Never fatal: the checkpoints stay signed and served; a refused one waits for the next checkpoint.
      if (problems.length > 0) throw new Error(problems.join("; "));
    },
  };
}

const MESSAGE_BATCH = 50;

/**
 * Delivers due SMS (lib/messaging/delivery): claims scheduled messages whose sendAfter has come (SKIP LOCKED), re-runs
 * the whole compliance gate for each, then sends, reschedules or blocks; provider failures are retried with backoff,
 * then failed. Twice a second, and at once again while there is a backlog. `orgIds` limits it to some
 * organizations and `twilioApiUrl` points Twilio elsewhere (tests: a loopback stand-in); `now` is for tests.
 */
export function messageDeliveryJob(options: Omit<DeliveryOptions, "limit"> = {}): WorkerJob {
  return {
    name: "message delivery",
    everyMs: 500,
    run: async (db, signal) => {
      while (
        (await deliverDueMessages(db, { ...options, limit: MESSAGE_BATCH })).claimed === MESSAGE_BATCH &&
        !signal.aborted
      );
    },
  };
}

/**
 * Verity's background work. `verity start` runs it inside the server's process; `verity worker` runs
 * it alone (for a deployment with separate worker instances). Every job is safe to run in several
 * workers at once: each claims its rows with compare-and-set or SKIP LOCKED.
 */
export const WORKER_JOBS: WorkerJob[] = [
  // Entries committed and left unlinked (a process stopped between a commit and its link): linked at the
  // worker's start and every 2 seconds after (lib/audit/link-committed.ts).
  { name: "audit pending links", everyMs: 2_000, run: (db) => linkAllPendingEntries(db).then(() => undefined) },
  { name: "api key expiry", everyMs: 60_000, run: (db) => sweepApiKeys(db) },
  { name: "billing periods", everyMs: 5 * 60_000, run: (db) => closeDuePeriods(db) },
  // Secrets deleted more than 30 days ago are destroyed (their versions and shares), each with a secret.destroyed entry.
  { name: "deleted secrets", everyMs: 10 * 60_000, run: (db) => destroyDeletedSecrets(db) },
  // Polls four times a second, and at once again while there is a backlog: commit to receipt stays well under a second.
  {
    name: "webhooks",
    everyMs: 250,
    run: async (db, signal) => {
      while ((await deliverDueWebhooks(db, { limit: WEBHOOK_BATCH })).claimed === WEBHOOK_BATCH && !signal.aborted);
    },
  },
  {
    name: "mail",
    everyMs: 15_000,
    run: (db) => (smtpConfigured() ? deliverPendingMail({ db }) : Promise.resolve(null)),
  },
  auditCheckpointsJob(),
  witnessCosignaturesJob(),
  // Moves entries older than each organization's hot window to the archive (lib/lifecycle/archive): hourly. Two
  // workers may write the same segment (same name, same entries); the second to record it is refused by the
  // segment's key, and its next run goes on after it. Then it purges the segments past retention that no legal hold
  // covers (purge-archive.ts); a purge still runs when some organization's archiving failed.
  {
    name: "audit archive",
    everyMs: 60 * 60_000,
    run: async (db, signal) => {
      const store = await openArchiveStore();
      const archived = await archiveDueOrgs(db, store, { signal }).catch((error: unknown) => error);
      await purgeDueOrgs(db, store, { signal });
      if (archived instanceof Error) throw archived;
    },
  },
  // High and critical security alerts to the owners, through the mail outbox (sent by the mail job).
  { name: "security alert mail", everyMs: 5_000, run: (db) => mailNewSecurityAlerts(db) },
  // With or without SMTP: a mail body (and the link in it) lasts no longer than the link itself.
  { name: "mail body expiry", everyMs: 60_000, run: (db) => eraseExpiredMailBodies({ db }) },
  operationalRetentionJob(),
  messageDeliveryJob(),
  // Call recordings: uploads whose in-process redaction was lost, and bulk re-redactions a slice at a time.
  { name: "recording redaction", everyMs: 10_000, run: (db, signal) => runDueRecordingWork(db, { signal }) },
  // Recording objects that should be gone (a crash between a redaction's commit and the original's destruction,
  // an abandoned upload), and failed redactions past VERITY_RECORDING_FAILED_RETENTION_DAYS.
  { name: "recording sweep", everyMs: 10 * 60_000, run: (db, signal) => sweepRecordings(db, { signal }) },
];

export type WorkerOptions = { db: Db; signal: AbortSignal; jobs?: WorkerJob[]; log?: (line: string) => void };

/** Runs the jobs until the signal aborts; resolves once the jobs in flight have finished. */
export async function runWorker({
  db,
  signal,
  jobs = WORKER_JOBS,
  log = (line) => process.stderr.write(`${line}\n`),
}: WorkerOptions): Promise<void> {
  // Each job waits on the signal with one listener of its own: beyond Node's default of 10 it warned at every start.
  setMaxListeners(jobs.length + 10, signal);
  await Promise.all(
    jobs.map(async (job) => {
      while (!signal.aborted) {
        try {
          await job.run(db, signal, log);
        } catch (error) {
          log(`worker: ${job.name} failed: ${describeSendError(error)}`);
        }
        await new Promise<void>((resolve) => {
          // The listener goes with the wait: one per pause would pile up on the signal, four times a second.
          const wake = () => {
            clearTimeout(timer);
            signal.removeEventListener("abort", wake);
            resolve();
          };
          const timer = setTimeout(wake, job.everyMs);
          signal.addEventListener("abort", wake, { once: true });
        });
      }
    }),
  );
}
