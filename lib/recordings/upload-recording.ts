import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { RecordingDeps } from "./recording-deps";
import type { TRecordingView } from "./recording-schemas";

/** Stated limits, enforced while the upload streams (413 past them). */
export const UPLOAD_LIMITS = { audioBytes: 200 * 1024 * 1024, transcriptBytes: 5 * 1024 * 1024 } as const;
export type UploadLimits = { audioBytes: number; transcriptBytes: number };

export type UploadInput = {
  /** The request's Content-Type (multipart/form-data with its boundary). */
  contentType: string | null;
  /** The request body, streamed: parts `audio` (WAV) and `transcript` (JSON), fields `source` and `title`. */
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
};

/**
 * Stores an uploaded recording as "processing" (locked: not playable until redaction validates) with a
 * recording.uploaded entry. It opens its own transactions (the upload is streamed to storage first, outside
 * any transaction). Redaction is not run here: call scheduleRedaction (the route does) or redactRecording.
 * 400 bad transcript or fields, 413 over a limit, 415 audio that is not WAV PCM 8/16-bit.
 */
export async function uploadRecording(
  db: Db,
  ctx: OrgContext,
  input: UploadInput,
  deps: RecordingDeps & { limits?: UploadLimits } = {},
): Promise<TRecordingView> {
  void db;
  void ctx;
  void input;
  void deps;
  throw new Error("uploadRecording: not implemented yet");
}
