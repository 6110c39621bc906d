import "server-only";
import type { Db } from "@/lib/db/client";
import type { RecordingDeps } from "../recording-deps";
import { expireFailedRecordings } from "./expire-failed-recordings";
import { sweepRecordingObjects } from "./sweep-recording-objects";

/**
 * The worker's sweep (and `verity pci sweep`): objects that should be gone, then failed recordings past their
 * retention. Both run even when one fails; a failure is thrown after (the worker logs it and runs again later).
 */
export async function sweepRecordings(
  db: Db,
  options: { orgIds?: string[]; signal?: AbortSignal; deps?: RecordingDeps } = {},
) {
  const swept = await sweepRecordingObjects(db, options).catch((error: unknown) => error);
  const expired = await expireFailedRecordings(db, options);
  if (swept instanceof Error) throw swept;
  return { swept, expired };
}
