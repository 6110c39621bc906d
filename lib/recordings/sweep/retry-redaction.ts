import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { recordingNotFound } from "../find-recording";
import type { TRecordingView } from "../recording-schemas";
import { recordingTarget } from "../recording-target";
import { recordingView } from "../recording-view";

/**
 * An admin asks for a failed redaction to run again (the detector is back, a pattern was fixed): the recording goes
 * back to "processing" (still locked) with a recording.redaction_retried entry, and the worker's recording job runs
 * the three layers over it within seconds (a recording left processing is its work). Only a failed recording can be
 * retried (409 otherwise); a bulk re-redaction covers the redacted ones.
 */
export async function retryRedaction(tx: Tx, by: AuditParty, input: { id: string }): Promise<TRecordingView> {
  const row = await tx.recording.findFirst({ where: { id: input.id, orgId: by.orgId } });
  if (!row) throw recordingNotFound();
  if (row.status !== "failed")
    throw new AppError(
      "conflict",
      `Only a recording whose redaction failed can be retried; this one is ${row.status}.`,
    );
  const updated = await tx.recording.update({ where: { id: row.id }, data: { status: "processing" } });
  await appendAuditEntry(tx, {
    ...by,
    action: "recording.redaction_retried",
    target: recordingTarget(row),
    metadata: { previousFailure: (row.failureReason ?? "").slice(0, 300) },
  });
  return recordingView(updated);
}
