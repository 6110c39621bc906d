import type { SpokenGroup } from "./spoken-groups";

/** Look-ups by word index, so the context rules stay linear in the transcript's length whatever it holds. */
export type WordIndex = {
  /** The group that starts at a word, if any. */
  groupStartingAt: Array<SpokenGroup | undefined>;
  /** The group that ends at a word, if any. */
  groupEndingAt: Array<SpokenGroup | undefined>;
  isBreak: boolean[];
};

export function indexWords(
  wordCount: number,
  groups: readonly SpokenGroup[],
  breakWords: readonly number[],
): WordIndex {
  const index: WordIndex = {
    groupStartingAt: new Array<SpokenGroup | undefined>(wordCount).fill(undefined),
    groupEndingAt: new Array<SpokenGroup | undefined>(wordCount).fill(undefined),
    isBreak: new Array<boolean>(wordCount).fill(false),
  };
  for (const g of groups) {
    index.groupStartingAt[g.firstWord] ??= g;
    index.groupEndingAt[g.lastWord] = g;
  }
  for (const w of breakWords) index.isBreak[w] = true;
  return index;
}

/** Marks for a set of word indexes. */
export function markWords(wordCount: number, words: readonly number[]): boolean[] {
  const marks = new Array<boolean>(wordCount).fill(false);
  for (const w of words) marks[w] = true;
  return marks;
}
