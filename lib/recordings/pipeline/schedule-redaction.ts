import "server-only";
import { getDb } from "@/lib/db/client";
import type { RecordingDeps } from "../recording-deps";
import { redactRecording, type RedactionOutcome } from "./redact-recording";

const running = new Set<Promise<RedactionOutcome | null>>();

/**
 * Runs redaction in this process after the upload has answered (the route calls it). A crash before it ends leaves
 * the recording "processing": the worker's "recording redaction" job picks up recordings left processing.
 * Failures are on the record (redactRecording fails closed); nothing here throws.
 */
export function scheduleRedaction(input: { orgId: string; recordingId: string }, deps: RecordingDeps = {}): void {
  const run: Promise<RedactionOutcome | null> = redactRecording(getDb(), input, deps)
    .catch((error: unknown) => {
      process.stderr.write(`recordings: redaction of ${input.recordingId} stopped: ${(error as Error).name}\n`);
      return null;
    })
    .finally(() => running.delete(run));
  running.add(run);
}

/** Resolves once the redactions this process started have ended (tests, a graceful shutdown). */
export async function redactionsSettled(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
