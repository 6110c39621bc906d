import type { WordRange } from "./find-card-numbers";
import { unionRanges } from "./word-ranges";

/** Which card number (by its joined range) covers each word, -1 for none; answers "inside a card?" in O(1). */
export function cardCover(wordCount: number, cards: readonly WordRange[]): (range: WordRange) => boolean {
  const cover = new Int32Array(wordCount).fill(-1);
  unionRanges(cards).forEach(({ firstWord, lastWord }, i) => cover.fill(i, firstWord, lastWord + 1));
  return ({ firstWord, lastWord }) => cover[firstWord] !== -1 && cover[firstWord] === cover[lastWord];
}
