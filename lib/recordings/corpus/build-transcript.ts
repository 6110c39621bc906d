import type { Transcript, Word } from "../transcript/types";
import type { CorpusItem, LabelledSpan } from "./types";

/** Synthetic timing: every word 300 ms with 50 ms between words, 800 ms more between turns. */
export const WORD_MS = 300;
export const WORD_GAP_MS = 50;
export const TURN_GAP_MS = 800;

const TAG = /^<(\/?)(card|cvv|expiry)>$/;

export type SpokenWord = { text: string; speaker: "caller" | "agent"; turn: number };

/** The words of a corpus item as said, in order, with the inline labels removed: what text-to-speech should say. */
export function corpusItemWords(item: CorpusItem): SpokenWord[] {
  return item.turns.flatMap(([speaker, text], turn) =>
    text
      .split(/\s+/)
      .filter((w) => w.length > 0 && !TAG.test(w))
      .map((w) => ({ text: w, speaker, turn })),
  );
}

/** The labelled ground truth of an item, by word index into corpusItemWords(item). */
export function corpusItemLabels(item: CorpusItem): LabelledSpan[] {
  const labels: LabelledSpan[] = [];
  const open = new Map<LabelledSpan["kind"], number>();
  let index = 0;
  for (const [, text] of item.turns) {
    for (const w of text.split(/\s+/).filter((x) => x.length > 0)) {
      const tag = TAG.exec(w);
      if (!tag) {
        index++;
        continue;
      }
      const kind = tag[2] === "card" ? "card_number" : (tag[2] as "cvv" | "expiry");
      if (tag[1] === "") open.set(kind, index);
      else {
        const firstWord = open.get(kind);
        if (firstWord === undefined || index === firstWord) throw new Error(`${item.id}: bad </${tag[2]}>`);
        labels.push({ kind, firstWord, lastWord: index - 1 });
        open.delete(kind);
      }
    }
  }
  if (open.size > 0) throw new Error(`${item.id}: unclosed label`);
  return labels;
}

/**
 * The item as a Verity transcript. Without `times`, synthetic timing (WORD_MS, WORD_GAP_MS, TURN_GAP_MS); with
 * `times` (one per word, e.g. measured from synthesised speech), those.
 */
export function corpusTranscript(
  item: CorpusItem,
  times?: ReadonlyArray<{ startMs: number; endMs: number }>,
): Transcript {
  const spoken = corpusItemWords(item);
  if (times && times.length !== spoken.length)
    throw new Error(`${item.id}: ${spoken.length} words, ${times.length} times`);
  let clock = 0;
  const words: Word[] = spoken.map((w, i) => {
    if (i > 0) clock += WORD_GAP_MS + (w.turn !== spoken[i - 1].turn ? TURN_GAP_MS : 0);
    const startMs = times ? times[i].startMs : clock;
    const endMs = times ? times[i].endMs : clock + WORD_MS;
    clock = endMs;
    return { text: w.text, startMs, endMs, speaker: w.speaker };
  });
  return { words, durationMs: (words.at(-1)?.endMs ?? 0) + 500 };
}
