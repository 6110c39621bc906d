import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Actor, RequestContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { holdsCoveringRecordings, lockLegalHolds } from "@/lib/lifecycle/legal-holds-covering";
import { recordingNotFound } from "../find-recording";
import { resolveDeps, type RecordingDeps } from "../recording-deps";
import { recordingTarget } from "../recording-target";

export type DestroyReason = "requested" | "failed_redaction_expired";

/**
 * Destroys one recording: its audio and transcript in storage (directory: overwritten, then unlinked; S3: every
 * version), its validations and its row, as one recording.destroyed entry (what it was, why, and by whom: an admin,
 * or Verity when a failed redaction was left unresolved past its time). An active legal hold that covers it
 * refuses with 409 naming the hold. The objects go inside the transaction, before the rows: a failure rolls the
 * rows back and a retry (or the sweeper) finishes the job.
 */
export async function destroyRecording(
  tx: Tx,
  by: { orgId: string; actor: Actor; context?: RequestContext | null },
  input: { id: string; reason: DestroyReason; retentionDays?: number },
  deps: RecordingDeps = {},
): Promise<{ id: string; destroyed: true }> {
  const { store } = await resolveDeps(deps);
  // Before the recording is read: a destroy waiting here sees a hold placed meanwhile, or the recording gone.
  await lockLegalHolds(tx, by.orgId);
  const row = await tx.recording.findFirst({ where: { id: input.id, orgId: by.orgId } });
  // The automatic bound only takes a recording still failed (a retry since has restarted it).
  if (!row || (input.reason === "failed_redaction_expired" && row.status !== "failed")) throw recordingNotFound();
  const holds = await holdsCoveringRecordings(tx, by.orgId, {
    ids: [row.id],
    fromTime: row.uploadedAt,
    toTime: row.uploadedAt,
    uploaders: [row.uploadedBy],
  });
  if (holds.length > 0)
    throw new AppError(
      "conflict",
      `A legal hold covers this recording (${holds.map((hold) => `"${hold.name}"`).join(", ")}): ` +
        "it cannot be destroyed until the hold is released.",
    );
  for (const key of [row.audioObjectKey, row.transcriptObjectKey]) await store.destroy(key);
  await tx.recordingValidation.deleteMany({ where: { orgId: by.orgId, recordingId: row.id } });
  await tx.recording.deleteMany({ where: { orgId: by.orgId, id: row.id } });
  await appendAuditEntry(tx, {
    orgId: by.orgId,
    actor: by.actor,
    context: by.context ?? null,
    action: "recording.destroyed",
    target: recordingTarget(row),
    metadata: {
      reason: input.reason,
      status: row.status,
      source: row.source,
      objectsRemoved: 2,
      ...(input.retentionDays !== undefined ? { retentionDays: input.retentionDays } : {}),
    },
  });
  return { id: row.id, destroyed: true };
}
