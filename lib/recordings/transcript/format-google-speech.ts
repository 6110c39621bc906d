import { z } from "zod";
import { MAX_TRANSCRIPT_WORDS, ZWordText, endsAfterStart, secondsToMs } from "./limits";
import type { Transcript, Word } from "./types";

/** A protobuf Duration as JSON ("1.500s") or as an object ({ seconds: "1", nanos: 500000000 }, seconds maybe a string). */
const ZGoogleDuration = z.union([
  z
    .string()
    .regex(/^\d{1,9}(\.\d{1,9})?s$/, { error: 'expected a duration such as "1.5s"' })
    .transform((s) => Number(s.slice(0, -1))),
  z
    .object({
      seconds: z
        .union([
          z.int().nonnegative(),
          z
            .string()
            .regex(/^\d{1,12}$/)
            .transform(Number),
        ])
        .optional(),
      nanos: z.int().nonnegative().max(999_999_999).optional(),
    })
    .transform(({ seconds, nanos }) => (seconds ?? 0) + (nanos ?? 0) / 1e9),
]);

const ZGoogleWord = z
  .object({
    word: ZWordText,
    startTime: ZGoogleDuration.optional(),
    endTime: ZGoogleDuration.optional(),
    startOffset: ZGoogleDuration.optional(), // Speech-to-Text v2
    endOffset: ZGoogleDuration.optional(),
    speakerTag: z.int().nonnegative().optional(),
    speakerLabel: z.string().max(100).optional(),
  })
  .transform(({ word, startTime, endTime, startOffset, endOffset, speakerTag, speakerLabel }) => {
    // An omitted Duration is zero in protobuf JSON.
    const start = startTime ?? startOffset ?? 0;
    const speaker = speakerLabel ?? (speakerTag ? `speaker ${speakerTag}` : undefined);
    return { word, start, end: endTime ?? endOffset ?? start, speaker };
  })
  .refine((w) => w.end >= w.start, endsAfterStart);

/**
 * Google Cloud Speech-to-Text: `{ results: [{ alternatives: [{ words: [{ word, startTime, endTime, speakerTag? }] }],
 * channelTag? }] }`, times as "1.5s" or `{ seconds, nanos }` (v2's startOffset/endOffset too). The first alternative of
 * each result is used. With diarization Google repeats every word in the last result: duplicates are dropped.
 */
export const ZGoogleSpeechTranscript = z
  .object({
    results: z
      .array(
        z.object({
          alternatives: z.array(z.object({ words: z.array(ZGoogleWord).max(MAX_TRANSCRIPT_WORDS).optional() })),
          channelTag: z.int().nonnegative().max(64).optional(),
        }),
      )
      .max(MAX_TRANSCRIPT_WORDS),
  })
  .transform(({ results }): Transcript => {
    const byKey = new Map<string, Word>();
    const words: Word[] = [];
    for (const result of results) {
      // Google numbers channels from 1.
      const channel = result.channelTag ? result.channelTag - 1 : undefined;
      for (const w of result.alternatives[0]?.words ?? []) {
        const word: Word = {
          text: w.word,
          startMs: secondsToMs(w.start),
          endMs: secondsToMs(w.end),
          ...(w.speaker === undefined ? {} : { speaker: w.speaker }),
          ...(channel === undefined ? {} : { channel }),
        };
        const key = `${word.startMs}:${word.endMs}:${channel ?? ""}:${word.text}`;
        const first = byKey.get(key);
        if (first) {
          // The diarized repeat carries the speaker: keep it on the first copy.
          if (word.speaker !== undefined) first.speaker = word.speaker;
          continue;
        }
        byKey.set(key, word);
        words.push(word);
      }
    }
    return { words };
  });
