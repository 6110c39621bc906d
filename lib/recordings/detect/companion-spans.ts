import type { Transcript } from "../transcript/types";
import type { ContextKind } from "./context-flags";
import type { WordRange } from "./find-card-numbers";
import { findExpiryDates, type Finding } from "./find-expiry-dates";
import { findSecurityCodes } from "./find-security-codes";
import type { SpokenGroup } from "./spoken-groups";
import type { Token } from "./tokenize-words";
import type { Span } from "./types";
import { spansOf } from "./word-ranges";

const overlaps = (a: WordRange, b: WordRange) => a.firstWord <= b.lastWord && b.firstWord <= a.lastWord;

/**
 * The card's companions, CVV and expiry. When the same words could be either ("the expiry is oh four twenty-seven
 * and the security code is seven three seven"), the nearer context decides; a tie keeps both (redaction is the same).
 */
export function companionSpans(
  t: Transcript,
  tokens: readonly Token[],
  groups: readonly SpokenGroup[],
  context: Record<ContextKind, number[]>,
  cards: readonly WordRange[],
  layer: 1 | 2,
): Span[] {
  const codes = findSecurityCodes(groups, context, cards);
  const dates = findExpiryDates(tokens, groups, context, cards);
  const beaten = (f: Finding, rivals: readonly Finding[]) =>
    rivals.some((r) => overlaps(r, f) && r.distance < f.distance);
  return [
    ...spansOf(
      t,
      codes.filter((c) => !beaten(c, dates)),
      "cvv",
      layer,
    ),
    ...spansOf(
      t,
      dates.filter((d) => !beaten(d, codes)),
      "expiry",
      layer,
    ),
  ];
}
