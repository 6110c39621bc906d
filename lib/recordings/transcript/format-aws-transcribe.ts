import { z } from "zod";
import { MAX_TRANSCRIPT_WORDS, ZSecondsString, ZWordText, endsAfterStart, secondsToMs } from "./limits";
import type { Transcript, Word } from "./types";

const ZAwsItem = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("pronunciation"),
      start_time: ZSecondsString,
      end_time: ZSecondsString,
      alternatives: z.array(z.object({ content: ZWordText })).min(1),
      speaker_label: z.string().max(100).optional(),
      channel_label: z.string().max(100).optional(),
    })
    .refine((item) => item.end_time >= item.start_time, { ...endsAfterStart, path: ["end_time"] }),
  z.object({ type: z.literal("punctuation"), alternatives: z.array(z.object({ content: ZWordText })).min(1) }),
]);

const channelOf = (label: string | undefined): number | undefined => {
  const match = label === undefined ? null : /^ch_(\d{1,2})$/.exec(label);
  return match ? Number(match[1]) : undefined;
};

/**
 * AWS Transcribe: `{ results: { items: [{ type, start_time, end_time, alternatives: [{ content }], speaker_label?,
 * channel_label? }] } }`, seconds as strings. Punctuation items carry no times: they are appended to the word before.
 * Output with channel identification (`results.channel_labels.channels[].items`) is accepted too.
 */
export const ZAwsTranscribeTranscript = z
  .object({
    results: z.object({
      items: z.array(ZAwsItem).max(MAX_TRANSCRIPT_WORDS),
      channel_labels: z
        .object({
          channels: z
            .array(z.object({ channel_label: z.string().max(100), items: z.array(ZAwsItem).max(MAX_TRANSCRIPT_WORDS) }))
            .max(64),
        })
        .optional(),
    }),
  })
  .transform(({ results }): Transcript => {
    const batches =
      results.items.length > 0 || !results.channel_labels
        ? [{ label: undefined, items: results.items }]
        : results.channel_labels.channels.map((c) => ({ label: c.channel_label, items: c.items }));
    const words: Word[] = [];
    for (const { label, items } of batches) {
      for (const item of items) {
        const content = item.alternatives[0].content;
        if (item.type === "punctuation") {
          const last = words.at(-1);
          if (last) last.text += content;
          continue;
        }
        const channel = channelOf(item.channel_label ?? label);
        words.push({
          text: content,
          startMs: secondsToMs(item.start_time),
          endMs: secondsToMs(item.end_time),
          ...(item.speaker_label === undefined ? {} : { speaker: item.speaker_label }),
          ...(channel === undefined ? {} : { channel }),
        });
      }
    }
    return { words };
  });
