import "server-only";
import type { Db } from "@/lib/db/client";
import { redactRecording } from "../pipeline/redact-recording";
import type { RecordingDeps } from "../recording-deps";
import { dueBulkRedactions, runBulkRedaction } from "./run-bulk-redaction";

/** An upload still "processing" this long after it arrived lost its in-process redaction (a crash, a restart). */
export const STALE_PROCESSING_MS = 2 * 60_000;
/** Recordings a worker pass handles per bulk job before it lets the next job (or worker) have a turn. */
export const BULK_SLICE = 50;

/**
 * The worker's recording work: redacts uploads left processing, then runs due bulk jobs a slice at a time (their
 * leases keep two workers off one job; a redaction's compare-and-set keeps two runs off one recording). `orgIds`
 * narrows it (tests that share a database).
 */
export async function runDueRecordingWork(
  db: Db,
  { orgIds, signal, deps = {} }: { orgIds?: string[]; signal?: AbortSignal; deps?: RecordingDeps } = {},
): Promise<{ redacted: number; bulkJobs: number }> {
  const now = deps.now?.() ?? new Date();
  const stale = await db.recording.findMany({
    where: {
      status: "processing",
      uploadedAt: { lt: new Date(now.getTime() - STALE_PROCESSING_MS) },
      ...(orgIds ? { orgId: { in: orgIds } } : {}),
    },
    orderBy: { uploadedAt: "asc" },
    select: { id: true, orgId: true },
    take: 20,
  });
  for (const recording of stale) {
    if (signal?.aborted) break;
    await redactRecording(db, { orgId: recording.orgId, recordingId: recording.id }, deps);
  }
  const jobs = await dueBulkRedactions(db, { orgIds, now });
  for (const jobId of jobs) {
    if (signal?.aborted) break;
    await runBulkRedaction(db, { jobId, limit: BULK_SLICE, ...(signal ? { signal } : {}) }, deps);
  }
  return { redacted: stale.length, bulkJobs: jobs.length };
}
