import type { ContextKind } from "./context-flags";
import type { WordRange } from "./find-card-numbers";
import type { SpokenGroup } from "./spoken-groups";
import type { Token } from "./tokenize-words";

/** A finding with how far (in words) it is from what makes it card data: the nearer context wins a tie. */
export type Finding = WordRange & { distance: number };

/** How near (in words) an expiry must be to what makes it card data. */
const AFTER_CONTEXT_WORDS = 10;
const BEFORE_CONTEXT_WORDS = 3;
const AFTER_CARD_WORDS = 30;
/** A card word or a card number makes a date card data less surely than "expires" does. */
const WEAKER_CONTEXT = 5;

const isYear = (digits: string): boolean => digits.length === 2 || (digits.length === 4 && digits.startsWith("20"));
const isMonth = (digits: string): boolean => digits.length <= 2 && Number(digits) >= 1 && Number(digits) <= 12;

/** "04/27", "0427", "oh four twenty-seven", "four twenty-seven", "twelve twenty twenty-nine", "one two two nine". */
export function isNumericExpiry({ chunks, digits }: SpokenGroup): boolean {
  if (chunks.length === 1) return digits.length === 4 && isMonth(digits.slice(0, 2)) && digits.slice(0, 2) !== "00";
  for (let m = 1; m <= Math.min(2, chunks.length - 1); m++) {
    const month = chunks.slice(0, m).join("");
    if (isMonth(month) && (m === 1 || chunks[0].length === 1) && isYear(chunks.slice(m).join(""))) return true;
  }
  return false;
}

const inside = (inner: WordRange, outer: WordRange) =>
  inner.firstWord >= outer.firstWord && inner.lastWord <= outer.lastWord;

/**
 * Expiry dates said near an expiry word ("expires", "valid thru"), or as the first number after a card word or a
 * card number found just before (with no "phone", "order"… between): numeric forms and a month name followed by a
 * year ("April 2027", "April twenty twenty-seven"). Digits inside a card number are not its expiry.
 */
export function findExpiryDates(
  tokens: readonly Token[],
  groups: readonly SpokenGroup[],
  context: Record<ContextKind, number[]>,
  cards: readonly WordRange[],
): Finding[] {
  const candidates: WordRange[] = groups
    .filter(isNumericExpiry)
    .map(({ firstWord, lastWord }) => ({ firstWord, lastWord }));
  for (const token of tokens) {
    if (token.kind !== "month") continue;
    const year = groups.find((g) => g.firstWord > token.word && g.firstWord <= token.word + 3);
    if (year && isYear(year.digits)) candidates.push({ firstWord: token.word, lastWord: year.lastWord });
  }
  const breaks = tokens.filter((t) => t.kind === "break").map((t) => t.word);
  /** The candidate is the first thing said after `word`, with no break word or other number between. */
  const firstAfter = (word: number, range: WordRange) =>
    !breaks.some((b) => b > word && b < range.firstWord) &&
    !groups.some((g) => g.firstWord > word && g.lastWord < range.firstWord && !cards.some((c) => inside(g, c)));
  const found: Finding[] = [];
  for (const range of candidates) {
    if (cards.some((card) => inside(range, card))) continue;
    const { firstWord, lastWord } = range;
    const cardWords = context.card.filter(
      (w) => w < firstWord && w >= firstWord - AFTER_CONTEXT_WORDS && firstAfter(w, range),
    );
    const cardsBefore = cards.filter(
      (card) =>
        card.lastWord < firstWord && card.lastWord >= firstWord - AFTER_CARD_WORDS && firstAfter(card.lastWord, range),
    );
    const distances = [
      ...context.expiry.filter((w) => w < firstWord && w >= firstWord - AFTER_CONTEXT_WORDS).map((w) => firstWord - w),
      ...context.expiry.filter((w) => w > lastWord && w <= lastWord + BEFORE_CONTEXT_WORDS).map((w) => w - lastWord),
      ...cardWords.map((w) => firstWord - w + WEAKER_CONTEXT),
      ...cardsBefore.map((card) => firstWord - card.lastWord + WEAKER_CONTEXT),
    ];
    if (distances.length > 0) found.push({ ...range, distance: Math.min(...distances) });
  }
  return found;
}
