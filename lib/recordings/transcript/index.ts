export type { Transcript, Word } from "./types";
import type { Transcript } from "./types";

/**
 * Parses an uploaded transcript in one of the accepted shapes (Verity's own, OpenAI Whisper verbose_json,
 * Deepgram, AWS Transcribe, Google Speech-to-Text) into a Verity transcript. Throws a ZodError on bad input.
 */
export function parseTranscriptUpload(raw: unknown): Transcript {
  void raw;
  throw new Error("not yet");
}
