import type { Transcript } from "../transcript/types";
import type { Span } from "./types";

export const REDACTED_WORD = "[redacted]";

/**
 * A copy of the transcript in which every word from a span's first to its last word (inclusive) reads
 * "[redacted]", timings kept. A span outside the transcript throws: redaction fails closed.
 */
export function redactTranscript(t: Transcript, spans: readonly Span[]): Transcript {
  const flagged = new Uint8Array(t.words.length);
  for (const { firstWord, lastWord } of spans) {
    const valid = Number.isInteger(firstWord) && Number.isInteger(lastWord) && firstWord >= 0 && lastWord >= firstWord;
    if (!valid || lastWord >= t.words.length) throw new RangeError("a span lies outside the transcript");
    flagged.fill(1, firstWord, lastWord + 1);
  }
  return { ...t, words: t.words.map((word, i) => (flagged[i] ? { ...word, text: REDACTED_WORD } : word)) };
}
