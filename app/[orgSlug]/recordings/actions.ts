"use server";

import { orgAction } from "@/lib/guard/org-action";
import { AppError } from "@/lib/http/app-error";
import {
  ZDeleteRecordingsFromSource,
  ZIssueRecordingUrl,
  ZStartBulkRedaction,
} from "@/lib/recordings/views/recording-action-schemas";

const notYet = (): never => {
  throw new AppError("unavailable", "Recordings are not available yet.");
};

// Play: a time-limited URL to the redacted audio; issuing it is the audit entry (recording.accessed).
export const issueRecordingUrlAction = orgAction(
  { name: "recordings.issue_url", permission: "recordings.read", input: ZIssueRecordingUrl },
  async (): Promise<{ url: string; expiresAt: string }> => notYet(),
);

export const deleteRecordingsFromSourceAction = orgAction(
  { name: "recordings.delete_source", permission: "recordings.manage", input: ZDeleteRecordingsFromSource },
  async (): Promise<{ deleted: number }> => notYet(),
);

export const startBulkRedactionAction = orgAction(
  { name: "recordings.start_bulk_redaction", permission: "recordings.manage", input: ZStartBulkRedaction },
  async (): Promise<{ jobId: string }> => notYet(),
);
