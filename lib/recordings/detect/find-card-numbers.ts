import { isNetworkCardNumber } from "@/lib/audit/card-networks";
import type { Chunk, DigitRun } from "./spoken-digits";

/** Word ranges (inclusive) of one kind of finding. */
export type WordRange = { firstWord: number; lastWord: number };

const MIN_PAN = 12;
const MAX_PAN = 19;
/** Digits said and then retracted that still count towards one reading: a whole abandoned attempt, then the card. */
const MAX_SAID = 2 * MAX_PAN;
/** Corrections honoured within one reading: a caller rarely needs two. */
const MAX_CORRECTIONS = 1;
/**
 * Work allowed for following corrections in one run, about 200 times what a caller's run needs. A run that exceeds
 * it (a hostile transcript: "one sorry one sorry …") is searched again without corrections, in linear time.
 */
const MAX_STEPS_PER_RUN = 200_000;

/** How many of the kept chunks a correction may retract: one to four (a group said digit by digit), the group
 * said last, or everything (a restart). A handful of options keeps the search small on a hostile transcript. */
function retractions(kept: readonly Chunk[]): number[] {
  const last = kept.at(-1);
  if (!last) return [];
  let group = 0;
  while (group < kept.length && kept[kept.length - 1 - group].group === last.group) group++;
  const options = new Set([1, 2, 3, 4, group, kept.length]);
  return [...options].filter((k) => k >= 1 && k <= kept.length);
}

/**
 * Every reading of the run that is a complete card number of a major network (12–19 digits, IIN range and length,
 * Luhn), chunk-aligned so digits are never split out of a longer number said in one go. At a correction ("sorry")
 * a reading may drop the chunks said just before it: "four one one… sorry, four one two two…" is read as 4122…,
 * and the returned range starts at the retracted digits, which are flagged too.
 */
export function findCardNumbers(run: DigitRun): WordRange[] {
  return searchRun(run, MAX_CORRECTIONS) ?? searchRun(run, 0) ?? [];
}

function searchRun(run: DigitRun, maxCorrections: number): WordRange[] | null {
  const found: WordRange[] = [];
  const { elements } = run;
  let steps = 0;
  const walk = (
    start: number,
    at: number,
    kept: Chunk[],
    digits: string,
    said: number,
    corrections: number,
  ): boolean => {
    for (let i = at; i < elements.length; i++) {
      if (maxCorrections > 0 && ++steps > MAX_STEPS_PER_RUN) return false;
      const element = elements[i];
      if (element.kind === "marker") {
        // Either the correction retracts some of the chunks kept so far, or it was only a word.
        if (corrections < maxCorrections) {
          for (const k of retractions(kept)) {
            const rest = kept.slice(0, kept.length - k);
            if (!walk(start, i + 1, rest, rest.map((c) => c.digits).join(""), said, corrections + 1)) return false;
          }
        }
        continue;
      }
      said += element.digits.length;
      digits += element.digits;
      if (said > MAX_SAID || digits.length > MAX_PAN) return true;
      kept = [...kept, element];
      if (digits.length >= MIN_PAN && isNetworkCardNumber(digits)) {
        found.push({ firstWord: (elements[start] as Chunk).firstWord, lastWord: element.lastWord });
      }
    }
    return true;
  };
  for (let start = 0; start < elements.length; start++) {
    if (elements[start].kind === "chunk" && !walk(start, start, [], "", 0, 0)) return null;
  }
  return found;
}
