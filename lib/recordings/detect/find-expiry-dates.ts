import type { ContextKind } from "./context-flags";
import type { WordRange } from "./find-card-numbers";
import type { SpokenGroup } from "./spoken-groups";
import type { Token } from "./tokenize-words";
import { cardCover } from "./card-cover";
import { indexWords, markWords } from "./word-index";

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

/**
 * Expiry dates said near an expiry word ("expires", "valid thru"), or as the first number after a card word or a
 * card number found just before (with no "phone", "order"… between): numeric forms and a month name followed by a
 * year ("April 2027", "April twenty twenty-seven"). Digits inside a card number are not its expiry. Linear in the
 * transcript's length: every look-up is a bounded window of words.
 */
export function findExpiryDates(
  tokens: readonly Token[],
  groups: readonly SpokenGroup[],
  context: Record<ContextKind, number[]>,
  cards: readonly WordRange[],
  wordCount: number,
): Finding[] {
  const index = indexWords(
    wordCount,
    groups,
    tokens.filter((t) => t.kind === "break").map((t) => t.word),
  );
  const insideCard = cardCover(wordCount, cards);
  const expiryAt = markWords(wordCount, context.expiry);
  const cardWordAt = markWords(wordCount, context.card);
  const cardEndsAt = markWords(
    wordCount,
    cards.map((c) => c.lastWord),
  );
  const candidates: WordRange[] = groups
    .filter(isNumericExpiry)
    .map(({ firstWord, lastWord }) => ({ firstWord, lastWord }));
  for (const token of tokens) {
    if (token.kind !== "month") continue;
    for (let x = token.word + 1; x <= Math.min(wordCount - 1, token.word + 3); x++) {
      const year = index.groupStartingAt[x];
      if (!year) continue;
      if (isYear(year.digits)) candidates.push({ firstWord: token.word, lastWord: year.lastWord });
      break;
    }
  }
  const found: Finding[] = [];
  for (const range of candidates) {
    if (insideCard(range)) continue;
    const { firstWord, lastWord } = range;
    // The nearest word before the candidate that stops it being "the first thing said after" a card or card word.
    let blocker = -1;
    for (let y = firstWord - 1; y >= Math.max(0, firstWord - AFTER_CARD_WORDS); y--) {
      const g = index.groupStartingAt[y];
      if (index.isBreak[y] || (g && g.lastWord < firstWord && !insideCard(g))) {
        blocker = y;
        break;
      }
    }
    const distances: number[] = [];
    for (let d = 1; d <= AFTER_CARD_WORDS && firstWord - d >= 0; d++) {
      const x = firstWord - d;
      if (d <= AFTER_CONTEXT_WORDS && expiryAt[x]) distances.push(d);
      if (x >= blocker && ((d <= AFTER_CONTEXT_WORDS && cardWordAt[x]) || cardEndsAt[x]))
        distances.push(d + WEAKER_CONTEXT);
    }
    for (let d = 1; d <= BEFORE_CONTEXT_WORDS && lastWord + d < wordCount; d++)
      if (expiryAt[lastWord + d]) distances.push(d);
    if (distances.length > 0) found.push({ ...range, distance: Math.min(...distances) });
  }
  return found;
}
