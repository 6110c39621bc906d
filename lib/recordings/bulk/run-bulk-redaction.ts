import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { redactRecording } from "../pipeline/redact-recording";
import type { RecordingDeps } from "../recording-deps";
import type { TBulkRedactionJobView } from "../recording-schemas";
import { bulkJobView } from "./bulk-job-view";

export const BULK_LEASE_MS = 5 * 60_000;

/**
 * Claims the job: queued, or running with an expired lease (a run that died). Compare-and-set on the lease, so two
 * workers never run one job. The lease is renewed after each recording.
 */
async function claim(db: Db, jobId: string, leaseMs: number, now: Date) {
  const claimed = await db.recordingRedactionJob.updateMany({
    where: {
      id: jobId,
      OR: [{ status: "queued" }, { status: "running", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }],
    },
    data: { status: "running", leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return claimed.count === 1;
}

/**
 * Runs a bulk job from its cursor (recordings in id order), under a lease so two workers never run one job, with
 * done/total on the job row after each recording. `limit` stops after that many recordings (a test's "crash"; the
 * worker's slice); a run that died is resumed by the next once its lease expires (`leaseMs`). The last recording
 * ends the job with recordings.bulk_redaction_finished. A recording whose redaction fails counts in `failed` (it
 * is locked and on the record); the job goes on.
 */
export async function runBulkRedaction(
  db: Db,
  input: { jobId: string; limit?: number; leaseMs?: number; signal?: AbortSignal },
  deps: RecordingDeps = {},
): Promise<TBulkRedactionJobView> {
  const leaseMs = input.leaseMs ?? BULK_LEASE_MS;
  const now = deps.now ?? (() => new Date());
  const job = await db.recordingRedactionJob.findUnique({ where: { id: input.jobId } });
  if (!job) throw new AppError("not_found", "There is no such bulk redaction.");
  if (job.status === "finished" || job.status === "failed") return bulkJobView(job);
  if (!(await claim(db, job.id, leaseMs, now()))) return bulkJobView(job);
  let handled = 0;
  let cursor = job.cursor;
  for (;;) {
    if (input.signal?.aborted || (input.limit !== undefined && handled >= input.limit)) {
      // Stopped early: the lease is left to expire (or released for the next run at once).
      const row = await db.recordingRedactionJob.update({ where: { id: job.id }, data: { leaseUntil: null } });
      return bulkJobView(row);
    }
    const next = await db.recording.findFirst({
      where: {
        orgId: job.orgId,
        ...(job.since ? { uploadedAt: { gte: job.since } } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    if (!next) break;
    const outcome = await redactRecording(
      db,
      { orgId: job.orgId, recordingId: next.id, bulkJobId: job.id },
      deps,
    ).catch(() => null);
    const failed = outcome === null || outcome.status === "failed";
    cursor = next.id;
    handled++;
    await db.recordingRedactionJob.update({
      where: { id: job.id },
      data: {
        cursor,
        done: { increment: 1 },
        ...(failed ? { failed: { increment: 1 } } : {}),
        leaseUntil: new Date(now().getTime() + leaseMs),
      },
    });
  }
  return finish(db, job.id, now());
}

async function finish(db: Db, jobId: string, now: Date): Promise<TBulkRedactionJobView> {
  return db.$transaction(async (tx) => {
    const row = await tx.recordingRedactionJob.update({
      where: { id: jobId },
      data: { status: "finished", finishedAt: now, leaseUntil: null },
    });
    // done may pass total when recordings were uploaded after the job started: the total follows.
    const total = Math.max(row.total, row.done);
    if (total !== row.total) await tx.recordingRedactionJob.update({ where: { id: jobId }, data: { total } });
    await appendAuditEntry(tx, {
      orgId: row.orgId,
      actor: SYSTEM_ACTOR,
      action: "recordings.bulk_redaction_finished",
      target: { type: "recording_redaction_job", id: jobId, display: `Bulk redaction ${jobId.slice(0, 8)}` },
      metadata: { jobId, total, done: row.done, failed: row.failed },
    });
    return bulkJobView({ ...row, total });
  });
}

/** The jobs due to run (queued, or running under an expired lease), oldest first; `orgIds` narrows it (tests). */
export async function dueBulkRedactions(db: Db, { orgIds, now = new Date() }: { orgIds?: string[]; now?: Date } = {}) {
  const rows = await db.recordingRedactionJob.findMany({
    where: {
      ...(orgIds ? { orgId: { in: orgIds } } : {}),
      OR: [{ status: "queued" }, { status: "running", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true },
    take: 10,
  });
  return rows.map((row) => row.id);
}
