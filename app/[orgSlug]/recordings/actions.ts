"use server";

import { auditedBy } from "@/lib/context";
import { orgAction } from "@/lib/guard/org-action";
import { AppError } from "@/lib/http/app-error";
import { issueRecordingUrl } from "@/lib/recordings/access/issue-recording-url";
import { startBulkRedaction } from "@/lib/recordings/bulk/start-bulk-redaction";
import { deleteRecordingsBySource } from "@/lib/recordings/delete-recordings-by-source";
import { destroyRecording } from "@/lib/recordings/sweep/destroy-recording";
import { retryRedaction } from "@/lib/recordings/sweep/retry-redaction";
import {
  ZDeleteRecordingsFromSource,
  ZIssueRecordingUrl,
  ZRecordingAdminAction,
  ZStartBulkRedaction,
} from "@/lib/recordings/views/recording-action-schemas";

// Play: a time-limited URL to the redacted audio; issuing it is the audit entry (recording.accessed). A recording
// that is processing or locked answers 409 from the service, another organization's 404.
export const issueRecordingUrlAction = orgAction(
  { name: "recordings.issue_url", permission: "recordings.read", input: ZIssueRecordingUrl },
  async ({ ctx, tx, input }) => {
    const { url, expiresAt } = await issueRecordingUrl(tx, ctx, { id: input.recordingId });
    return { url, expiresAt };
  },
);

// The confirmation named a count: if the source holds a different number now (an upload since), the manager is
// asked to look again instead of deleting recordings nobody counted. A legal hold's refusal is the service's.
export const deleteRecordingsFromSourceAction = orgAction(
  { name: "recordings.delete_source", permission: "recordings.manage", input: ZDeleteRecordingsFromSource },
  async ({ ctx, tx, input }) => {
    const now = await tx.recording.count({ where: { orgId: ctx.org.id, source: input.source } });
    if (now !== input.expectedCount)
      throw new AppError(
        "conflict",
        `${input.source} now holds ${now} recording${now === 1 ? "" : "s"}, not ${input.expectedCount}. ` +
          "Reload the page and confirm again.",
      );
    const { count } = await deleteRecordingsBySource(tx, ctx, { source: input.source });
    return { deleted: count };
  },
);

// Queues the job; the worker (or `verity pci redact`) runs it, and the screen follows its done/total.
export const startBulkRedactionAction = orgAction(
  { name: "recordings.start_bulk_redaction", permission: "recordings.manage", input: ZStartBulkRedaction },
  async ({ ctx, tx, input }) => {
    const job = await startBulkRedaction(tx, auditedBy(ctx), { since: input.since ? new Date(input.since) : null });
    return { jobId: job.id };
  },
);

// A failed redaction, run again: back to processing (locked), and the worker redacts it within seconds.
export const retryRedactionAction = orgAction(
  { name: "recordings.retry_redaction", permission: "recordings.manage", input: ZRecordingAdminAction },
  async ({ ctx, tx, input }) => {
    const recording = await retryRedaction(tx, auditedBy(ctx), { id: input.recordingId });
    return { status: recording.status };
  },
);

// Destroys one recording and its objects after the screen's confirmation; a legal hold refuses (409, named).
export const destroyRecordingAction = orgAction(
  { name: "recordings.destroy", permission: "recordings.manage", input: ZRecordingAdminAction },
  async ({ ctx, tx, input }) => destroyRecording(tx, auditedBy(ctx), { id: input.recordingId, reason: "requested" }),
);
