import type { ContextKind } from "./context-flags";
import type { WordRange } from "./find-card-numbers";
import type { Finding } from "./find-expiry-dates";
import type { SpokenGroup } from "./spoken-groups";

const AFTER_CONTEXT_WORDS = 12;
const BEFORE_CONTEXT_WORDS = 4;

const isCode = (g: SpokenGroup | undefined): g is SpokenGroup =>
  g !== undefined && g.digits.length >= 3 && g.digits.length <= 4;
const inside = (inner: WordRange, outer: WordRange) =>
  inner.firstWord >= outer.firstWord && inner.lastWord <= outer.lastWord;
/** Naming the code after saying it is rarer than asking for it first: a tie goes to the other reading. */
const BEFORE_PENALTY = 3;

/**
 * CVV/CVC/CID codes: the first number of 3 or 4 digits said after a security-code word ("the CVV is seven three
 * seven", "three digits on the back: 123"), or just before one ("737 is the security code"). Digits inside a card
 * number are not its code.
 */
export function findSecurityCodes(
  groups: readonly SpokenGroup[],
  context: Record<ContextKind, number[]>,
  cards: readonly WordRange[],
): Finding[] {
  const found: Finding[] = [];
  for (const w of context.cvv) {
    const after = groups.find((g) => g.firstWord > w && g.firstWord <= w + AFTER_CONTEXT_WORDS);
    if (isCode(after))
      found.push({ firstWord: after.firstWord, lastWord: after.lastWord, distance: after.firstWord - w });
    const before = groups.findLast((g) => g.lastWord < w && g.lastWord >= w - BEFORE_CONTEXT_WORDS);
    if (isCode(before) && before !== after)
      found.push({
        firstWord: before.firstWord,
        lastWord: before.lastWord,
        distance: w - before.lastWord + BEFORE_PENALTY,
      });
  }
  return found.filter((f) => !cards.some((card) => inside(f, card)));
}
