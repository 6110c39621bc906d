import type { Word } from "../transcript/types";
import {
  BREAK_WORDS,
  CORRECTION_WORDS,
  FILLER_WORDS,
  MONTH_WORDS,
  TEEN_WORDS,
  TENS_WORDS,
  UNIT_WORDS,
} from "./vocabulary";

export type TokenKind =
  | "digits" // "4111", "04" (written digits, leading zeros kept)
  | "unit" // zero … nine
  | "oh" // "oh"/"o": a zero only next to other numbers
  | "teen"
  | "tens"
  | "hundred"
  | "thousand"
  | "double"
  | "triple"
  | "and"
  | "month"
  | "correction"
  | "filler"
  | "break"
  | "other";

/** One piece of a word: "forty-one," gives "forty" and "one"; "04/27" gives "04" and "27". */
export type Token = { word: number; text: string; kind: TokenKind; value: number; digits: string; pauseAfter: boolean };

const NUMBER_WORD_AFTER = new Set(["digit", "digits", "second", "seconds", "sec", "moment", "minute", "minutes"]);

function kindOf(text: string): { kind: TokenKind; value?: number } {
  if (/^\d+$/.test(text)) return { kind: "digits" };
  if (text in UNIT_WORDS) return { kind: "unit", value: UNIT_WORDS[text] };
  if (text in TEEN_WORDS) return { kind: "teen", value: TEEN_WORDS[text] };
  if (text in TENS_WORDS) return { kind: "tens", value: TENS_WORDS[text] };
  if (text in MONTH_WORDS) return { kind: "month", value: MONTH_WORDS[text] };
  if (text === "oh" || text === "o") return { kind: "oh" };
  if (text === "hundred") return { kind: "hundred" };
  if (text === "thousand") return { kind: "thousand" };
  if (text === "double") return { kind: "double" };
  if (text === "triple") return { kind: "triple" };
  if (text === "and") return { kind: "and" };
  if (CORRECTION_WORDS.has(text)) return { kind: "correction" };
  if (FILLER_WORDS.has(text)) return { kind: "filler" };
  if (BREAK_WORDS.has(text)) return { kind: "break" };
  return { kind: "other" };
}

/** Lower-case pieces of a word's text with punctuation removed; money and decimals are kept whole (not digits). */
function piecesOf(text: string): string[] {
  const lower = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-");
  if (/[$£€¥]|\d[.,]\d{1,2}(?!\d)|%/.test(lower)) return ["amount"]; // "$41.11", "41.5", "12%": not digits to read out
  return lower
    .replace(/(\d),(?=\d{3}\b)/g, "$1") // "4,111"
    .split(/[\s\-/]+/)
    .map((piece) => piece.replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, "").replace(/^'+|'+$/g, ""))
    .filter((piece) => piece.length > 0);
}

/**
 * The tokens of every word, in word order. A word followed by punctuation or by a pause of more than
 * `pauseMs` marks the end of a spoken group ("oh four twenty-seven, seven three seven").
 */
export function tokenizeWords(words: readonly Word[], pauseMs = 700): Token[] {
  const tokens: Token[] = [];
  words.forEach((word, index) => {
    const pieces = piecesOf(word.text);
    const next = words[index + 1];
    const punctuated = /[,.;:!?…]\s*$/.test(word.text);
    const paused = next === undefined || next.startMs - word.endMs > pauseMs || punctuated;
    pieces.forEach((text, i) => {
      const { kind, value } = kindOf(text);
      tokens.push({
        word: index,
        text,
        kind,
        value: value ?? 0,
        digits: kind === "digits" ? text : "",
        pauseAfter: false,
      });
      if (i === pieces.length - 1) tokens[tokens.length - 1].pauseAfter = paused;
    });
  });
  // "three digits on the back", "one second": number words that are not numbers being read out.
  for (let i = 0; i < tokens.length - 1; i++) {
    const kind = tokens[i].kind;
    const numeric = kind === "unit" || kind === "teen" || kind === "tens" || kind === "digits";
    if (numeric && NUMBER_WORD_AFTER.has(tokens[i + 1].text)) tokens[i] = { ...tokens[i], kind: "other", digits: "" };
  }
  return tokens;
}
