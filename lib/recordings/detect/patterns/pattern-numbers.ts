import type { Word } from "../../transcript/types";

/**
 * Layer 2's own number normaliser, written apart from layer 1's spoken-number parser (spoken-digits.ts) so the two
 * layers do not share a blind spot: words → digit chunks with the words they came from. Small and deterministic:
 * digit words, teens and tens ("forty-one" → 41), hundreds and thousands ("four thousand one hundred eleven" →
 * 4111), "double/triple", "oh" as zero next to other numbers; a comma, a full stop or a pause ends a breath.
 */
export type DigitChunk = { digits: string; firstWord: number; lastWord: number; breath: number };
export type NumberPiece =
  { kind: "chunk"; chunk: DigitChunk } | { kind: "correction" | "break" | "filler" | "other"; word: number };

const UNITS: Record<string, number> = {
  zero: 0,
  nought: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const CORRECTIONS = new Set([
  "sorry",
  "no",
  "nope",
  "wait",
  "actually",
  "mean",
  "oops",
  "scratch",
  "wrong",
  "correction",
]);
/** A different number starts after these: a phone or order number, an amount, the card's companions. */
const BREAKS = new Set(
  (
    "phone mobile cell order account reference ref extension ext ticket invoice tracking confirmation policy member " +
    "id pin zip postcode postal dollars dollar cents pounds euros percent point or cvv cvc cvv2 cvc2 security code " +
    "expiry expires expiration exp valid date amount"
  ).split(" "),
);
const FILLERS = new Set(
  (
    "um umm uh er erm ah eh hmm mm mhm okay ok alright yeah yep yes right sure so and then it's its is the that's " +
    "got it go ahead next thanks thank you great perfect let me see hold on just a second"
  ).split(" "),
);

type Piece = { text: string; word: number; pause: boolean };
type Phrase = { total: number; current: number; last: "small" | "tens" | "magnitude"; first: number; lastWord: number };

function piecesOf(words: readonly Word[], indices: readonly number[]): Piece[] {
  const pieces: Piece[] = [];
  indices.forEach((index, at) => {
    const { text, endMs } = words[index];
    const next = words[indices[at + 1] ?? -1];
    const pause = /[,.;:!?…]\s*$/.test(text) || next === undefined || next.startMs - endMs > 700;
    const lower = text.toLowerCase().replace(/[\u2010-\u2015]/g, "-");
    const parts = /[$£€%]|\d\.\d/.test(lower)
      ? ["amount"]
      : lower
          .replace(/(\d),(?=\d{3}\b)/g, "$1")
          .split(/[\s\-/]+/)
          .map((part) => part.replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, ""))
          .filter(Boolean);
    parts.forEach((part, i) => pieces.push({ text: part, word: index, pause: pause && i === parts.length - 1 }));
  });
  return pieces;
}

const isNumberWord = (text: string | undefined) =>
  text !== undefined && (/^\d+$/.test(text) || text in UNITS || text in TEENS || text in TENS);
const singleDigit = (text: string | undefined) =>
  text === undefined
    ? null
    : text === "oh" || text === "o"
      ? 0
      : /^\d$/.test(text)
        ? Number(text)
        : (UNITS[text] ?? null);

/** The pieces of the words at `indices` (all of them by default), in order. */
export function normalizeNumbers(words: readonly Word[], indices?: readonly number[]): NumberPiece[] {
  const pieces = piecesOf(words, indices ?? words.map((_, i) => i));
  const out: NumberPiece[] = [];
  let breath = 0;
  let phrase: Phrase | null = null;
  const emit = (digits: string, firstWord: number, lastWord: number) =>
    out.push({ kind: "chunk", chunk: { digits, firstWord, lastWord, breath } });
  const flush = () => {
    if (phrase) emit(String(phrase.total + phrase.current), phrase.first, phrase.lastWord);
    phrase = null;
  };
  const start = (value: number, last: Phrase["last"], word: number, total = 0) => {
    flush();
    phrase = { total, current: value, last, first: word, lastWord: word };
  };
  for (let i = 0; i < pieces.length; i++) {
    const { text, word } = pieces[i];
    const p = phrase as Phrase | null;
    let numeric = true;
    if (/^\d+$/.test(text)) {
      flush();
      emit(text, word, word);
    } else if (text === "oh" || text === "o") {
      // A zero only among numbers ("oh four", "four oh one"); alone it is an exclamation.
      const zero =
        isNumberWord(pieces[i - 1]?.text) || isNumberWord(pieces[i + 1]?.text) || pieces[i + 1]?.text === "oh";
      flush();
      if (zero || pieces[i - 1]?.text === "oh") emit("0", word, word);
      else {
        numeric = false;
        out.push({ kind: "filler", word });
      }
    } else if (text in UNITS) {
      const value = UNITS[text];
      if (p && value > 0 && (p.last === "tens" || p.last === "magnitude")) {
        p.current += value;
        p.last = "small";
        p.lastWord = word;
      } else if (value === 0) {
        flush();
        emit("0", word, word);
      } else start(value, "small", word);
    } else if (text in TEENS || text in TENS) {
      const value = TEENS[text] ?? TENS[text];
      const kind = text in TENS ? "tens" : "small";
      if (p && p.last === "magnitude") {
        p.current += value;
        p.last = kind;
        p.lastWord = word;
      } else start(value, kind, word);
    } else if (text === "hundred") {
      if (p && p.last !== "magnitude" && p.current > 0 && p.current < 100) {
        p.current *= 100;
        p.last = "magnitude";
        p.lastWord = word;
      } else start(100, "magnitude", word);
    } else if (text === "thousand") {
      if (p && p.total === 0 && p.current > 0 && p.current < 1000) {
        p.total = p.current * 1000;
        p.current = 0;
        p.last = "magnitude";
        p.lastWord = word;
      } else start(0, "magnitude", word, 1000);
    } else if ((text === "double" || text === "triple") && singleDigit(pieces[i + 1]?.text) !== null) {
      flush();
      emit(String(singleDigit(pieces[i + 1].text)).repeat(text === "double" ? 2 : 3), word, pieces[i + 1].word);
      i++;
    } else if (text === "and" && p?.last === "magnitude" && isNumberWord(pieces[i + 1]?.text)) {
      // "one hundred and five" goes on.
    } else {
      numeric = false;
      flush();
      const kind = CORRECTIONS.has(text)
        ? "correction"
        : BREAKS.has(text)
          ? "break"
          : FILLERS.has(text)
            ? "filler"
            : "other";
      out.push({ kind, word });
    }
    if (pieces[i].pause || (!numeric && !FILLERS.has(text))) {
      flush();
      breath++;
    }
  }
  flush();
  return out;
}
