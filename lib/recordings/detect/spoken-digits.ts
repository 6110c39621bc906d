import type { Word } from "../transcript/types";
import type { Token } from "./tokenize-words";

/** A number as spoken: "forty-one" → "41", "double four" → "44", "4111" → "4111", "oh" → "0". */
export type Chunk = {
  kind: "chunk";
  digits: string;
  firstWord: number;
  lastWord: number;
  /** Chunks with the same group were said together, without a pause, punctuation or other words between. */
  group: number;
};
/** "sorry", "no", "I mean": what came just before may be retracted. */
export type Marker = { kind: "marker"; word: number };
/** Chunks read out together, interrupted at most by filler, acknowledgements and corrections. */
export type DigitRun = { elements: Array<Chunk | Marker> };

/** A digit run ends after this many ordinary words, or this long a silence, between two numbers. */
const MAX_OTHER_WORDS = 3;
const MAX_GAP_MS = 15_000;

const NUMERIC = new Set(["digits", "unit", "oh", "teen", "tens", "hundred", "thousand", "double", "triple"]);

type Pending = {
  big: number;
  small: number;
  last: "unit" | "teen" | "tens" | "hundred" | "thousand";
  first: number;
  lastWord: number;
};

/**
 * Turns one speaker's (or everyone's) tokens into chunks: digits, number words, "double/triple", "oh" for zero
 * next to other numbers, and compound numbers ("forty-one eleven" = 41 11, "four thousand one hundred eleven" = 4111).
 */
export function chunksOf(
  tokens: readonly Token[],
): Array<Chunk | Marker | { kind: "other" | "break" | "filler"; word: number }> {
  const out: Array<Chunk | Marker | { kind: "other" | "break" | "filler"; word: number }> = [];
  let pending: Pending | null = null;
  let group = 0;
  const emit = (digits: string, firstWord: number, lastWord: number) =>
    out.push({ kind: "chunk", digits, firstWord, lastWord, group });
  const flush = () => {
    if (pending) emit(String(pending.big + pending.small), pending.first, pending.lastWord);
    pending = null;
  };
  const isNumeric = (t: Token | undefined) => t !== undefined && NUMERIC.has(t.kind) && t.kind !== "oh";
  // "oh" is a zero next to another number, or in a row of them ("oh oh oh five", "…, oh oh").
  const ohIsZero = tokens.map(() => false);
  for (let a = 0; a < tokens.length; a++) {
    if (tokens[a].kind !== "oh") continue;
    let b = a;
    while (tokens[b + 1]?.kind === "oh") b++;
    const zero = b > a || isNumeric(tokens[a - 1]) || isNumeric(tokens[b + 1]);
    for (let i = a; i <= b; i++) ohIsZero[i] = zero;
    a = b;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const p: Pending | null = pending;
    const afterMagnitude = p !== null && (p.last === "hundred" || p.last === "thousand");
    switch (t.kind) {
      case "digits":
        flush();
        emit(t.digits, t.word, t.word);
        break;
      case "oh":
        if (ohIsZero[i]) {
          flush();
          emit("0", t.word, t.word);
        } else {
          flush();
          out.push({ kind: "filler", word: t.word });
        }
        break;
      case "unit":
        if (t.value > 0 && p && (p.last === "tens" || afterMagnitude)) {
          p.small += t.value;
          p.last = "unit";
          p.lastWord = t.word;
        } else if (t.value === 0) {
          flush();
          emit("0", t.word, t.word);
        } else {
          flush();
          pending = { big: 0, small: t.value, last: "unit", first: t.word, lastWord: t.word };
        }
        break;
      case "teen":
      case "tens":
        if (p && afterMagnitude) {
          p.small += t.value;
          p.last = t.kind;
          p.lastWord = t.word;
        } else {
          flush();
          pending = { big: 0, small: t.value, last: t.kind, first: t.word, lastWord: t.word };
        }
        break;
      case "hundred":
        if (p && !afterMagnitude && p.small > 0 && p.small < 100) {
          p.small *= 100;
          p.last = "hundred";
          p.lastWord = t.word;
        } else {
          flush();
          pending = { big: 0, small: 100, last: "hundred", first: t.word, lastWord: t.word };
        }
        break;
      case "thousand":
        if (p && p.big === 0 && p.small > 0 && p.small < 1000) {
          p.big = p.small * 1000;
          p.small = 0;
          p.last = "thousand";
          p.lastWord = t.word;
        } else {
          flush();
          pending = { big: 1000, small: 0, last: "thousand", first: t.word, lastWord: t.word };
        }
        break;
      case "double":
      case "triple": {
        const next = tokens[i + 1];
        const digit =
          next?.kind === "oh"
            ? 0
            : next?.kind === "unit"
              ? next.value
              : next?.kind === "digits" && next.digits.length === 1
                ? Number(next.digits)
                : null;
        flush();
        if (digit === null) {
          out.push({ kind: "other", word: t.word });
        } else {
          emit(String(digit).repeat(t.kind === "double" ? 2 : 3), t.word, next.word);
          i++;
        }
        break;
      }
      case "and":
        // "one hundred and five" keeps going; otherwise "and" is filler between numbers.
        if (!(afterMagnitude && isNumeric(tokens[i + 1]))) {
          flush();
          out.push({ kind: "filler", word: t.word });
        }
        break;
      case "correction":
        flush();
        out.push({ kind: "marker", word: t.word });
        break;
      case "month":
        flush();
        out.push({ kind: "other", word: t.word });
        break;
      default:
        flush();
        out.push({ kind: t.kind, word: t.word });
    }
    if (t.pauseAfter || (t.kind !== "filler" && !NUMERIC.has(t.kind) && t.kind !== "and")) {
      flush();
      group++;
    }
  }
  flush();
  return out;
}

/**
 * Digit runs of one stream of words: chunks joined across filler, acknowledgements, corrections and up to
 * MAX_OTHER_WORDS other words, split by a break word ("phone", "order", "dollars", …) or a long silence.
 */
export function digitRunsOf(tokens: readonly Token[], words: readonly Word[]): DigitRun[] {
  const runs: DigitRun[] = [];
  let current: Array<Chunk | Marker> = [];
  let others = 0;
  let lastEndMs = -Infinity;
  const close = () => {
    while (current.at(-1)?.kind === "marker") current.pop();
    if (current.some((e) => e.kind === "chunk")) runs.push({ elements: current });
    current = [];
    others = 0;
  };
  for (const element of chunksOf(tokens)) {
    if (element.kind === "chunk") {
      if (current.length > 0 && (others > MAX_OTHER_WORDS || words[element.firstWord].startMs - lastEndMs > MAX_GAP_MS))
        close();
      current.push(element);
      others = 0;
      lastEndMs = words[element.lastWord].endMs;
    } else if (element.kind === "marker") {
      if (current.length > 0 && current.at(-1)?.kind !== "marker") current.push(element);
    } else if (element.kind === "break") {
      close();
    } else if (element.kind === "other") {
      others++;
    }
  }
  close();
  return runs;
}
