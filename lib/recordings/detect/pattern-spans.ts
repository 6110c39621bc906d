import type { Transcript } from "../transcript/types";
import { contextWords } from "./context-flags";
import { companionSpans } from "./companion-spans";
import { patternCardNumbers, patternGroups } from "./patterns/pattern-cards";
import { tokenizeWords } from "./tokenize-words";
import type { Span } from "./types";
import { spansOf } from "./word-ranges";

/** Bump when a pattern changes, so recordings redacted by an older version can be re-run (bulk redaction). */
export const PATTERN_VERSION = "patterns-2";

/**
 * Layer 2, deterministic: the transcript normalised to digit runs with their word timestamps by layer 2's own
 * normaliser (patterns/pattern-numbers.ts, not layer 1's spoken-number parser, so one parser's blind spot is not
 * both layers'); every chunk-aligned reading of 12–19 digits that passes Luhn and fits a major network's IIN range
 * and length is a card number, wherever it is said and without any context. CVV and expiry dates count near card
 * context (the context words are shared with layer 1; the numbers are this layer's). Runs whatever layer 1 found.
 */
export function patternSpans(t: Transcript): Span[] {
  const tokens = tokenizeWords(t.words);
  const cards = patternCardNumbers(t);
  const groups = patternGroups(t);
  const context = contextWords(tokens);
  return [...spansOf(t, cards, "card_number", 2), ...companionSpans(t, tokens, groups, context, cards, 2)];
}
