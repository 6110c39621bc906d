import { z } from "zod";
import type { TTranscriptWord } from "./recording-view-schemas";

const REDACTED = "[redacted]";

const ZStoredWord = z.object({
  text: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  speaker: z.union([z.string(), z.number()]).optional(),
  channel: z.number().optional(),
});
const ZStoredTranscript = z.union([z.object({ words: z.array(ZStoredWord) }), z.array(ZStoredWord)]);

/**
 * The stored redacted transcript (lib/recordings/transcript: `{ words: [{ text, startMs, endMs, speaker? }] }`) as
 * the detail screen shows it; null when there is none yet or it does not have that shape (never a crash on a page).
 */
export function transcriptView(stored: unknown): TTranscriptWord[] | null {
  if (stored === null || stored === undefined) return null;
  const parsed = ZStoredTranscript.safeParse(stored);
  if (!parsed.success) return null;
  const words = Array.isArray(parsed.data) ? parsed.data : parsed.data.words;
  return words.map((word) => ({
    text: word.text,
    startMs: word.startMs,
    endMs: word.endMs,
    speaker:
      word.speaker !== undefined
        ? String(word.speaker)
        : word.channel !== undefined
          ? `Channel ${word.channel + 1}`
          : null,
    redacted: word.text === REDACTED,
  }));
}
