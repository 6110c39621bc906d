import { isNetworkCardNumber } from "@/lib/audit/card-networks";
import type { Transcript } from "../../transcript/types";
import type { WordRange } from "../find-card-numbers";
import type { SpokenGroup } from "../spoken-groups";
import { normalizeNumbers, type DigitChunk, type NumberPiece } from "./pattern-numbers";

/** Layer 2's reading of the transcript: its own runs of digit chunks, with corrections, by its own normaliser. */
type Element = DigitChunk | "correction";
const MAX_OTHER_WORDS = 3;
const MAX_GAP_MS = 15_000;
const MIN_PAN = 12;
const MAX_PAN = 19;
/** Corrections looked at in one run: a caller needs one or two; a hostile transcript gets the plain reading. */
const MAX_MARKERS = 20;

function runsOf(t: Transcript, pieces: readonly NumberPiece[]): Element[][] {
  const runs: Element[][] = [];
  let current: Element[] = [];
  let others = 0;
  let lastEnd = -Infinity;
  const close = () => {
    if (current.some((e) => e !== "correction")) runs.push(current);
    current = [];
    others = 0;
  };
  for (const piece of pieces) {
    if (piece.kind === "chunk") {
      const gap = t.words[piece.chunk.firstWord].startMs - lastEnd;
      if (current.length > 0 && (others > MAX_OTHER_WORDS || gap > MAX_GAP_MS)) close();
      current.push(piece.chunk);
      others = 0;
      lastEnd = t.words[piece.chunk.lastWord].endMs;
    } else if (piece.kind === "correction") {
      if (current.length > 0 && current.at(-1) !== "correction") current.push("correction");
    } else if (piece.kind === "break") close();
    else if (piece.kind === "other") others++;
  }
  close();
  return runs;
}

type Reading = { chunks: DigitChunk[]; joinAt: number; retractedFrom: number | null };

/** The plain reading, and for each correction the readings that drop what was said just before it. */
function readingsOf(run: Element[]): Reading[] {
  const plain = run.filter((e): e is DigitChunk => e !== "correction");
  const readings: Reading[] = [{ chunks: plain, joinAt: -1, retractedFrom: null }];
  let markers = 0;
  run.forEach((element, at) => {
    if (element !== "correction" || ++markers > MAX_MARKERS) return;
    const before = run.slice(0, at).filter((e): e is DigitChunk => e !== "correction");
    const after = run.slice(at + 1).filter((e): e is DigitChunk => e !== "correction");
    const last = before.at(-1);
    if (!last || after.length === 0) return;
    const breath = before.length - before.findLastIndex((chunk) => chunk.breath !== last.breath) - 1;
    for (const drop of new Set([1, 2, 3, 4, breath, before.length])) {
      if (drop < 1 || drop > before.length) continue;
      const kept = before.slice(0, before.length - drop);
      readings.push({ chunks: [...kept, ...after], joinAt: kept.length, retractedFrom: before[kept.length].firstWord });
    }
  });
  return readings;
}

/** Every chunk-aligned window of 12–19 digits of a reading that is a major network's card number (IIN, Luhn). */
function cardsIn({ chunks, joinAt, retractedFrom }: Reading): WordRange[] {
  const found: WordRange[] = [];
  for (let start = 0; start < chunks.length; start++) {
    let digits = "";
    for (let end = start; end < chunks.length; end++) {
      digits += chunks[end].digits;
      if (digits.length > MAX_PAN) break;
      if (digits.length < MIN_PAN || !isNetworkCardNumber(digits)) continue;
      // A reading that starts right after a correction flags the retracted digits too.
      const firstWord = start === joinAt && retractedFrom !== null ? retractedFrom : chunks[start].firstWord;
      found.push({ firstWord, lastWord: chunks[end].lastWord });
    }
  }
  return found;
}

/** Each voice's words (speaker or channel), with every other voice's break words, when there are several. */
function voiceStreams(t: Transcript): number[][] {
  const voiceOf = (i: number) =>
    t.words[i].speaker ?? (t.words[i].channel === undefined ? "" : `#${t.words[i].channel}`);
  const voices = new Set(t.words.map((_, i) => voiceOf(i)));
  if (voices.size < 2) return [];
  const breaks = new Set(
    normalizeNumbers(t.words)
      .filter((piece) => piece.kind === "break")
      .map((piece) => (piece as { word: number }).word),
  );
  return [...voices].map((voice) => t.words.map((_, i) => i).filter((i) => voiceOf(i) === voice || breaks.has(i)));
}

/** Layer 2's card numbers: in the whole conversation and in each voice's own words. */
export function patternCardNumbers(t: Transcript): WordRange[] {
  const streams = [normalizeNumbers(t.words), ...voiceStreams(t).map((indices) => normalizeNumbers(t.words, indices))];
  return streams.flatMap((pieces) => runsOf(t, pieces).flatMap((run) => readingsOf(run).flatMap(cardsIn)));
}

/** Numbers said in one breath, for the companions (CVV, expiry) near card context. */
export function patternGroups(t: Transcript): SpokenGroup[] {
  const groups: SpokenGroup[] = [];
  let breath = -1;
  for (const piece of normalizeNumbers(t.words)) {
    if (piece.kind !== "chunk") continue;
    const { digits, firstWord, lastWord } = piece.chunk;
    const last = groups.at(-1);
    if (last && piece.chunk.breath === breath) {
      last.chunks.push(digits);
      last.digits += digits;
      last.lastWord = lastWord;
    } else {
      groups.push({ chunks: [digits], digits, firstWord, lastWord });
      breath = piece.chunk.breath;
    }
  }
  return groups;
}
