import { CARD_ITEMS } from "./items-cards";
import { COMPANION_ITEMS } from "./items-companions";
import { NEGATIVE_ITEMS } from "./items-negatives";
import type { CorpusItem } from "./types";

export type { CorpusItem, LabelledSpan } from "./types";
export {
  corpusItemLabels,
  corpusItemWords,
  corpusTranscript,
  TURN_GAP_MS,
  WORD_GAP_MS,
  WORD_MS,
} from "./build-transcript";
export type { SpokenWord } from "./build-transcript";

/** The PCI test corpus: cards of every major network said every way, their companions, and numbers to leave alone. */
export const CORPUS: readonly CorpusItem[] = [...CARD_ITEMS, ...COMPANION_ITEMS, ...NEGATIVE_ITEMS];

export function corpusItem(id: string): CorpusItem {
  const item = CORPUS.find((i) => i.id === id);
  if (!item) throw new Error(`no corpus item ${id}`);
  return item;
}
