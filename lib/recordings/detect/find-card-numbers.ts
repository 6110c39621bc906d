import { isNetworkCardNumber } from "@/lib/audit/card-networks";
import type { Chunk, DigitRun } from "./spoken-digits";

/** Word ranges (inclusive) of one kind of finding. */
export type WordRange = { firstWord: number; lastWord: number };

const MIN_PAN = 12;
const MAX_PAN = 19;
/** Digits said and then retracted that still count towards one reading: a whole abandoned attempt, then the card. */
const MAX_SAID = 2 * MAX_PAN;

/**
 * Every reading of the run that is a complete card number of a major network (12–19 digits, IIN range and length,
 * Luhn), chunk-aligned so digits are never split out of a longer number said in one go. At a correction ("sorry")
 * a reading may drop any number of the chunks said just before it: "four one one… sorry, four one two two…" is read
 * as 4122…, and the returned range starts at the retracted digits, which are flagged too.
 */
export function findCardNumbers(run: DigitRun): WordRange[] {
  const found: WordRange[] = [];
  const { elements } = run;
  const walk = (start: number, at: number, kept: Chunk[], said: number) => {
    for (let i = at; i < elements.length; i++) {
      const element = elements[i];
      if (element.kind === "marker") {
        // Either the correction retracts the last k chunks kept so far, or it was only a word.
        for (let k = 1; k <= kept.length; k++) walk(start, i + 1, kept.slice(0, kept.length - k), said);
        continue;
      }
      said += element.digits.length;
      if (said > MAX_SAID) return;
      kept = [...kept, element];
      const digits = kept.map((c) => c.digits).join("");
      if (digits.length > MAX_PAN) return;
      if (digits.length >= MIN_PAN && isNetworkCardNumber(digits)) {
        found.push({ firstWord: (elements[start] as Chunk).firstWord, lastWord: element.lastWord });
      }
    }
  };
  elements.forEach((element, start) => {
    if (element.kind === "chunk") walk(start, start, [], 0);
  });
  return found;
}
