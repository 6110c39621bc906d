import type { z } from "zod";
import { ZAwsTranscribeTranscript } from "./format-aws-transcribe";
import { ZDeepgramTranscript } from "./format-deepgram";
import { ZGoogleSpeechTranscript } from "./format-google-speech";
import { ZVerityTranscript } from "./format-verity";
import { ZWhisperTranscript } from "./format-whisper";
import type { Transcript } from "./types";

export type TranscriptFormat = "verity" | "whisper" | "deepgram" | "aws-transcribe" | "google-speech";

const SCHEMAS: Record<TranscriptFormat, z.ZodType<Transcript, unknown>> = {
  verity: ZVerityTranscript,
  whisper: ZWhisperTranscript,
  deepgram: ZDeepgramTranscript,
  "aws-transcribe": ZAwsTranscribeTranscript,
  "google-speech": ZGoogleSpeechTranscript,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Which service wrote the JSON, from its outline only; the chosen schema then validates everything, so a
 * malformed upload gets field-level errors for the format it resembles. Anything unrecognised is held to
 * Verity's own shape.
 */
export function transcriptFormatOf(raw: unknown): TranscriptFormat {
  if (!isRecord(raw)) return "verity";
  const { results, words, segments } = raw;
  if (Array.isArray(results)) return "google-speech";
  if (isRecord(results)) return "channels" in results ? "deepgram" : "aws-transcribe";
  const first = Array.isArray(words) ? words[0] : Array.isArray(segments) ? segments[0] : undefined;
  if (isRecord(first) && ("word" in first || "words" in first)) return "whisper";
  if (!Array.isArray(words) && Array.isArray(segments)) return "whisper";
  return "verity";
}

/**
 * Parses an uploaded transcript with word-level timestamps into Verity's shape. Accepted:
 *  - Verity: `{ words: [{ text, startMs, endMs, speaker?, channel? }], durationMs? }` (milliseconds);
 *  - OpenAI Whisper verbose_json with word timestamps: `{ words: [{ word, start, end }], duration? }` (seconds);
 *  - Deepgram: `{ results: { channels: [{ alternatives: [{ words: [{ word, start, end, punctuated_word? }] }] }] } }`;
 *  - AWS Transcribe: `{ results: { items: [{ type, start_time, end_time, alternatives: [{ content }] }] } }`;
 *  - Google Speech-to-Text: `{ results: [{ alternatives: [{ words: [{ word, startTime: "1.5s", endTime }] }] }] }`.
 * Times must be non-negative with end ≥ start; words are returned sorted by start time (stable), whatever the input
 * order (multichannel output arrives channel by channel). Throws a ZodError (a 400 at the REST boundary).
 */
export function parseTranscriptUpload(raw: unknown): Transcript {
  const transcript = SCHEMAS[transcriptFormatOf(raw)].parse(raw);
  const words = transcript.words
    .map((word, index) => ({ word, index }))
    .sort((a, b) => a.word.startMs - b.word.startMs || a.word.endMs - b.word.endMs || a.index - b.index)
    .map(({ word }) => word);
  return { ...transcript, words };
}
