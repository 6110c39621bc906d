import { describe, expect, it, vi } from "vitest";
import type { Transcript } from "../../transcript/types";
import { normalizeNumbers } from "./pattern-numbers";

// Layer 1's spoken-number parser, broken: layer 2 must not notice (the layers are independent).
vi.mock("../spoken-digits", () => ({
  chunksOf: () => [],
  digitRunsOf: () => [],
}));

const { patternSpans } = await import("../pattern-spans");
const { localSpans } = await import("../local-detector");

function said(text: string, speaker?: string): Transcript {
  return {
    words: text.split(" ").map((word, i) => ({ text: word, startMs: i * 400, endMs: i * 400 + 300, speaker })),
  };
}
const digitsOf = (text: string) =>
  normalizeNumbers(said(text).words).flatMap((piece) => (piece.kind === "chunk" ? [piece.chunk.digits] : []));

describe("layer 2's own number normaliser", () => {
  it("reads digit words, teens and tens, hundreds and thousands, double and triple, and oh among numbers", () => {
    expect(digitsOf("four one one one")).toEqual(["4", "1", "1", "1"]);
    expect(digitsOf("forty-one eleven")).toEqual(["41", "11"]);
    expect(digitsOf("four thousand one hundred eleven")).toEqual(["4111"]);
    expect(digitsOf("one hundred and five")).toEqual(["105"]);
    expect(digitsOf("double oh triple eight")).toEqual(["00", "888"]);
    expect(digitsOf("oh four twenty-seven")).toEqual(["0", "4", "27"]);
    expect(digitsOf("oh I see")).toEqual([]);
    expect(digitsOf("4,111 $41.11")).toEqual(["4111"]);
  });

  it("finds card numbers with layer 1's parser out of action, while layer 1 then finds none", () => {
    const call = said("my card is four one one one one one one one one one one one one one one one thanks");
    expect(localSpans(call)).toEqual([]);
    expect(patternSpans(call)).toEqual([expect.objectContaining({ kind: "card_number", layer: 2, firstWord: 3 })]);
    // A correction: the retracted digits are flagged with the card.
    const corrected = said("5555 5555 5555 4445 no wait 4444 okay");
    expect(patternSpans(corrected)).toEqual([
      expect.objectContaining({ kind: "card_number", firstWord: 0, lastWord: 6 }),
    ]);
    // Numbers that fail Luhn are left alone.
    expect(patternSpans(said("order 4111 1111 1111 1112 please"))).toEqual([]);
  });
});
