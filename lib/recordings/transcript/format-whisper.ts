import { z } from "zod";
import { MAX_TRANSCRIPT_WORDS, ZSeconds, ZWordText, endsAfterStart, secondsToMs } from "./limits";
import type { Transcript, Word } from "./types";

const ZWhisperWord = z
  .object({ word: ZWordText, start: ZSeconds, end: ZSeconds })
  .refine((w) => w.end >= w.start, endsAfterStart);

/**
 * OpenAI Whisper `response_format: "verbose_json"` with `timestamp_granularities: ["word"]`:
 * `{ duration?, words: [{ word, start, end }] }`, seconds. Words nested under `segments[].words` are accepted too.
 */
export const ZWhisperTranscript = z
  .object({
    duration: ZSeconds.optional(),
    words: z.array(ZWhisperWord).max(MAX_TRANSCRIPT_WORDS).optional(),
    segments: z
      .array(z.object({ words: z.array(ZWhisperWord).max(MAX_TRANSCRIPT_WORDS).optional() }))
      .max(MAX_TRANSCRIPT_WORDS)
      .optional(),
  })
  .refine((t) => t.words !== undefined || t.segments?.some((s) => s.words !== undefined), {
    error: 'Whisper output needs word timestamps (timestamp_granularities: ["word"])',
    path: ["words"],
  })
  .transform(({ duration, words, segments }): Transcript => {
    const source = words ?? (segments ?? []).flatMap((s) => s.words ?? []);
    const out: Word[] = source.map((w) => ({
      text: w.word.trim(),
      startMs: secondsToMs(w.start),
      endMs: secondsToMs(w.end),
    }));
    return duration === undefined ? { words: out } : { words: out, durationMs: secondsToMs(duration) };
  });
