import { z } from "zod";
import { MAX_TRANSCRIPT_WORDS, ZSeconds, ZWordText, endsAfterStart, secondsToMs } from "./limits";
import type { Transcript, Word } from "./types";

const ZDeepgramWord = z
  .object({
    word: ZWordText,
    punctuated_word: ZWordText.optional(),
    start: ZSeconds,
    end: ZSeconds,
    speaker: z.int().nonnegative().optional(),
  })
  .refine((w) => w.end >= w.start, endsAfterStart);

/**
 * Deepgram pre-recorded: `{ metadata?: { duration }, results: { channels: [{ alternatives: [{ words }] }] } }`,
 * seconds. The first alternative of each channel is used; with `multichannel`, a word's channel is its channel's index;
 * with `diarize`, its speaker is "speaker <n>". `punctuated_word` is preferred when present.
 */
export const ZDeepgramTranscript = z
  .object({
    metadata: z.object({ duration: ZSeconds.optional() }).optional(),
    results: z.object({
      channels: z
        .array(
          z.object({
            alternatives: z.array(z.object({ words: z.array(ZDeepgramWord).max(MAX_TRANSCRIPT_WORDS) })).min(1),
          }),
        )
        .min(1)
        .max(64),
    }),
  })
  .transform(({ metadata, results }): Transcript => {
    const multichannel = results.channels.length > 1;
    const words: Word[] = results.channels.flatMap((channel, index) =>
      channel.alternatives[0].words.map((w) => ({
        text: (w.punctuated_word ?? w.word).trim(),
        startMs: secondsToMs(w.start),
        endMs: secondsToMs(w.end),
        ...(w.speaker === undefined ? {} : { speaker: `speaker ${w.speaker}` }),
        ...(multichannel ? { channel: index } : {}),
      })),
    );
    const duration = metadata?.duration;
    return duration === undefined ? { words } : { words, durationMs: secondsToMs(duration) };
  });
