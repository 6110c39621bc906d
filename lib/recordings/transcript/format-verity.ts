import { z } from "zod";
import { MAX_TRANSCRIPT_WORDS, ZWordText } from "./limits";
import type { Transcript } from "./types";

const ZMs = z.number().finite().nonnegative();

/** Verity's own shape: `{ words: [{ text, startMs, endMs, speaker?, channel? }], durationMs? }`, times in milliseconds. */
export const ZVerityTranscript = z
  .object({
    words: z
      .array(
        z
          .object({
            text: ZWordText,
            startMs: ZMs,
            endMs: ZMs,
            speaker: z.string().max(100).optional(),
            channel: z.int().nonnegative().max(63).optional(),
          })
          .refine((w) => w.endMs >= w.startMs, { error: "endMs must not be before startMs", path: ["endMs"] }),
      )
      .max(MAX_TRANSCRIPT_WORDS),
    durationMs: ZMs.optional(),
  })
  .transform(({ words, durationMs }): Transcript => ({
    words: words.map((w) => ({ ...w, startMs: Math.round(w.startMs), endMs: Math.round(w.endMs) })),
    ...(durationMs === undefined ? {} : { durationMs: Math.round(durationMs) }),
  }));
