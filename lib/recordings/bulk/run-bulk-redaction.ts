import "server-only";
import type { Db } from "@/lib/db/client";
import type { RecordingDeps } from "../recording-deps";
import type { TBulkRedactionJobView } from "../recording-schemas";

/**
 * Runs a bulk job from its cursor (recordings in id order), under a lease so two workers never run one job, with
 * done/total on the job row after each recording. `limit` stops after that many recordings (a test's "crash"; the
 * worker's slice); a run that died is resumed by the next once its lease expires. The last recording ends the job
 * with recordings.bulk_redaction_finished.
 */
export async function runBulkRedaction(
  db: Db,
  input: { jobId: string; limit?: number; leaseMs?: number; signal?: AbortSignal },
  deps: RecordingDeps = {},
): Promise<TBulkRedactionJobView> {
  void db;
  void input;
  void deps;
  throw new Error("runBulkRedaction: not implemented yet");
}
