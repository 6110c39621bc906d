import "server-only";
import type { Db } from "@/lib/db/client";
import type { RecordingDeps } from "../recording-deps";

export type RedactionOutcome = {
  recordingId: string;
  status: "redacted" | "failed";
  validationId: string;
  /** Absent when it passed. Verity's words, never the detector's or any transcript text. */
  failureReason?: string;
};

/**
 * The three layers over one recording, then validation on record (layer 1 detector, layer 2 patterns, layer 3
 * silencing of the padded union; the redacted audio and transcript replace the originals, which are destroyed).
 * Fails closed: any error leaves the recording locked (status failed), on the record, with a security alert.
 * Runs synchronously (tests, the bulk job); the upload route runs it after answering (scheduleRedaction).
 */
export async function redactRecording(
  db: Db,
  input: { orgId: string; recordingId: string; bulkJobId?: string },
  deps: RecordingDeps = {},
): Promise<RedactionOutcome> {
  void db;
  void input;
  void deps;
  throw new Error("redactRecording: not implemented yet");
}
