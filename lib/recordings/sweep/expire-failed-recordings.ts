import "server-only";
import { z } from "zod";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { resolveDeps, type RecordingDeps } from "../recording-deps";
import { destroyRecording } from "./destroy-recording";

/** VERITY_RECORDING_FAILED_RETENTION_DAYS: how long a failed redaction keeps its unredacted original (default 7). */
export const DEFAULT_FAILED_RETENTION_DAYS = 7;
const ZRetentionDays = z.coerce.number().int().min(1).max(365).default(DEFAULT_FAILED_RETENTION_DAYS);

export function failedRetentionDays(env: Record<string, string | undefined>): number {
  const parsed = ZRetentionDays.safeParse(env.VERITY_RECORDING_FAILED_RETENTION_DAYS || undefined);
  if (!parsed.success) throw new Error("VERITY_RECORDING_FAILED_RETENTION_DAYS: a whole number of days from 1 to 365");
  return parsed.data;
}

/**
 * The bound on a failed redaction: a recording whose redaction failed keeps its unredacted original locked until an
 * admin retries or destroys it, but no longer than the retention (counted from the failure on record; a retry
 * restarts it). Past it, Verity destroys the recording (recording.destroyed, reason failed_redaction_expired),
 * unless an active legal hold covers it: then it stays, and is looked at again on the next pass. `orgIds` narrows
 * it (tests).
 */
export async function expireFailedRecordings(
  db: Db,
  { orgIds, signal, deps = {} }: { orgIds?: string[]; signal?: AbortSignal; deps?: RecordingDeps } = {},
): Promise<{ destroyed: number; held: number }> {
  const { env, now } = await resolveDeps(deps);
  const retentionDays = failedRetentionDays(env);
  const cutoff = new Date(now().getTime() - retentionDays * 86_400_000);
  const due = await db.recording.findMany({
    where: {
      status: "failed",
      ...(orgIds ? { orgId: { in: orgIds } } : {}),
      // The failure on record is the newest validation: none newer than the cutoff means it failed before it.
      validations: { some: {}, none: { createdAt: { gt: cutoff } } },
    },
    orderBy: { uploadedAt: "asc" },
    select: { id: true, orgId: true },
    take: 100,
  });
  const result = { destroyed: 0, held: 0 };
  for (const recording of due) {
    if (signal?.aborted) break;
    try {
      await db.$transaction((tx) =>
        destroyRecording(
          tx,
          { orgId: recording.orgId, actor: SYSTEM_ACTOR },
          { id: recording.id, reason: "failed_redaction_expired", retentionDays },
          deps,
        ),
      );
      result.destroyed++;
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict") result.held++;
      else if (!(error instanceof AppError && error.code === "not_found")) throw error;
    }
  }
  return result;
}
