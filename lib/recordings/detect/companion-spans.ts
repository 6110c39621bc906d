import type { Transcript } from "../transcript/types";
import type { ContextKind } from "./context-flags";
import type { WordRange } from "./find-card-numbers";
import { findExpiryDates, type Finding } from "./find-expiry-dates";
import { findSecurityCodes } from "./find-security-codes";
import type { SpokenGroup } from "./spoken-groups";
import type { Token } from "./tokenize-words";
import type { Span } from "./types";
import { spansOf } from "./word-ranges";

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
  const codes = findSecurityCodes(groups, context, cards, t.words.length);
  const dates = findExpiryDates(tokens, groups, context, cards, t.words.length);
  // The nearest context of the other kind at each word, so the contest is linear in the findings' length.
  const nearest = (findings: readonly Finding[]) => {
    const best = new Float64Array(t.words.length).fill(Infinity);
    for (const f of findings) for (let w = f.firstWord; w <= f.lastWord; w++) best[w] = Math.min(best[w], f.distance);
    return best;
  };
  const nearestCode = nearest(codes);
  const nearestDate = nearest(dates);
  const beaten = (f: Finding, rivals: Float64Array) => {
    for (let w = f.firstWord; w <= f.lastWord; w++) if (rivals[w] < f.distance) return true;
    return false;
  };
  return [
    ...spansOf(
      t,
      codes.filter((c) => !beaten(c, nearestDate)),
      "cvv",
      layer,
    ),
    ...spansOf(
      t,
      dates.filter((d) => !beaten(d, nearestCode)),
      "expiry",
      layer,
    ),
  ];
}
