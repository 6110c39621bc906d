import { cardCover } from "./card-cover";
import type { ContextKind } from "./context-flags";
import type { WordRange } from "./find-card-numbers";
import type { Finding } from "./find-expiry-dates";
import type { SpokenGroup } from "./spoken-groups";
import { indexWords } from "./word-index";

const AFTER_CONTEXT_WORDS = 12;
const BEFORE_CONTEXT_WORDS = 4;
/** Naming the code after saying it is rarer than asking for it first: a tie goes to the other reading. */
const BEFORE_PENALTY = 3;

const isCode = (g: SpokenGroup | undefined): g is SpokenGroup =>
  g !== undefined && g.digits.length >= 3 && g.digits.length <= 4;

/**
 * CVV/CVC/CID codes: the first number of 3 or 4 digits said after a security-code word ("the CVV is seven three
 * seven", "three digits on the back: 123"), or just before one ("737 is the security code"). Digits inside a card
 * number are not its code.
 */
export function findSecurityCodes(
  groups: readonly SpokenGroup[],
  context: Record<ContextKind, number[]>,
  cards: readonly WordRange[],
  wordCount: number,
): Finding[] {
  const index = indexWords(wordCount, groups, []);
  const insideCard = cardCover(wordCount, cards);
  const found: Finding[] = [];
  for (const w of context.cvv) {
    let after: SpokenGroup | undefined;
    for (let x = w + 1; x <= Math.min(wordCount - 1, w + AFTER_CONTEXT_WORDS) && !after; x++)
      after = index.groupStartingAt[x];
    if (isCode(after))
      found.push({ firstWord: after.firstWord, lastWord: after.lastWord, distance: after.firstWord - w });
    let before: SpokenGroup | undefined;
    for (let x = w - 1; x >= Math.max(0, w - BEFORE_CONTEXT_WORDS) && !before; x--) before = index.groupEndingAt[x];
    if (isCode(before) && before !== after) {
      found.push({
        firstWord: before.firstWord,
        lastWord: before.lastWord,
        distance: w - before.lastWord + BEFORE_PENALTY,
      });
    }
  }
  return found.filter((f) => !insideCard(f));
}
