import type { Transcript } from "../transcript/types";
import { contextWords } from "./context-flags";
import { digitStreams } from "./digit-streams";
import type { WordRange } from "./find-card-numbers";
import { companionSpans } from "./companion-spans";
import type { Chunk, DigitRun } from "./spoken-digits";
import { spokenGroups } from "./spoken-groups";
import { tokenizeWords } from "./tokenize-words";
import type { PciDetector, Span } from "./types";
import { spansOf } from "./word-ranges";

/** A card is at least this long; a misheard digit makes it fail Luhn, which is why this layer does not ask for it. */
const MIN_CARD_DIGITS = 12;
const AFTER_CARD_WORD = 20;

/**
 * Card numbers by context: a run of 12 or more digits (with its corrections and filler) that follows a card word
 * ("card", "Visa", "credit") or contains one. No Luhn or IIN check, so a number the speech-to-text got one digit
 * wrong is still flagged; numbers read without context are layer 2's job.
 */
function contextualCards(runs: readonly DigitRun[], cardWords: readonly number[]): WordRange[] {
  const found: WordRange[] = [];
  for (const run of runs) {
    const chunks = run.elements.filter((e): e is Chunk => e.kind === "chunk");
    const digits = chunks.reduce((n, c) => n + c.digits.length, 0);
    const firstWord = chunks[0].firstWord;
    const lastWord = chunks[chunks.length - 1].lastWord;
    const near = cardWords.some((w) => w >= firstWord - AFTER_CARD_WORD && w <= lastWord);
    if (digits >= MIN_CARD_DIGITS && near) found.push({ firstWord, lastWord });
  }
  return found;
}

export function localSpans(t: Transcript): Span[] {
  const tokens = tokenizeWords(t.words);
  const context = contextWords(tokens);
  const cards = contextualCards(digitStreams(t, tokens), context.card);
  const groups = spokenGroups(tokens);
  return [...spansOf(t, cards, "card_number", 1), ...companionSpans(t, tokens, groups, context, cards, 1)];
}

/** Layer 1 offline: context words and the spoken-number parser; never sends anything anywhere. */
export const localDetector: PciDetector = {
  id: "local",
  version: "local-1",
  detect: async (t, opts) => {
    opts?.signal?.throwIfAborted();
    return localSpans(t);
  },
};
