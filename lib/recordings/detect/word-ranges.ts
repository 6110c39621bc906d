import type { Transcript } from "../transcript/types";
import type { Span, SpanKind } from "./types";
import type { WordRange } from "./find-card-numbers";

/** Overlapping ranges of one kind joined into one, sorted. */
export function unionRanges(ranges: readonly WordRange[]): WordRange[] {
  const sorted = [...ranges].sort((a, b) => a.firstWord - b.firstWord || a.lastWord - b.lastWord);
  const out: WordRange[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range.firstWord <= last.lastWord) last.lastWord = Math.max(last.lastWord, range.lastWord);
    else out.push({ ...range });
  }
  return out;
}

/** Spans of the transcript's words, timed from the first word's start to the last word's end. */
export function spansOf(t: Transcript, ranges: readonly WordRange[], kind: SpanKind, layer: 1 | 2): Span[] {
  return unionRanges(ranges).map(({ firstWord, lastWord }) => {
    let startMs = t.words[firstWord].startMs;
    let endMs = t.words[firstWord].endMs;
    for (let i = firstWord; i <= lastWord; i++) {
      startMs = Math.min(startMs, t.words[i].startMs);
      endMs = Math.max(endMs, t.words[i].endMs);
    }
    return { startMs, endMs, kind, layer, firstWord, lastWord };
  });
}
