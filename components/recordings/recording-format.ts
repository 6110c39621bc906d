import type { ActionResult } from "@/lib/http/action-result";
import type { TRecordingStatus } from "@/lib/recordings/views/recording-view-schemas";

/** The server actions of the recordings screens, as the browser sees them (app/[orgSlug]/recordings/actions.ts). */
export type IssueRecordingUrlAction = (
  orgSlug: string,
  input: unknown,
) => Promise<ActionResult<{ url: string; expiresAt: string }>>;
export type DeleteSourceAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ deleted: number }>>;
export type StartBulkRedactionAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ jobId: string }>>;

/** "4:07" (or "1:02:03"): a call's length as a player shows it. */
export function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** "0:12.4": a position in the call, to the tenth of a second (spans and words). */
export function position(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, "0");
  return `${minutes}:${seconds}`;
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export const STATUS_LABEL: Record<TRecordingStatus, string> = {
  processing: "Processing",
  redacted: "Redacted",
  failed: "Failed, locked",
};
export type RetryRedactionAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ status: string }>>;
export type DestroyRecordingAction = (
  orgSlug: string,
  input: unknown,
) => Promise<ActionResult<{ id: string; destroyed: true }>>;
