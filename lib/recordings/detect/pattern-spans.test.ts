import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARD_NETWORKS, passesLuhn } from "@/lib/audit/card-networks";
import type { Transcript } from "../transcript/types";
import { localSpans } from "./local-detector";
import { patternSpans } from "./pattern-spans";

const transcript = (text: string): Transcript => ({
  words: text.split(/\s+/).map((w, i) => ({ text: w, startMs: i * 350, endMs: i * 350 + 300 })),
});
const flagged = (text: string) => patternSpans(transcript(text)).map((s) => [s.kind, s.firstWord, s.lastWord]);

describe("patternSpans (layer 2)", () => {
  it.each([
    ["digits", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"],
    ["groups of digits", "4111 1111 1111 1111"],
    ["one written word", "4111-1111-1111-1111"],
    ["digit words", "four one one one one one one one one one one one one one one one"],
    ["grouped numbers", "forty-one eleven eleven eleven eleven eleven eleven eleven"],
    ["tens and units apart", "forty one eleven eleven eleven eleven eleven eleven eleven"],
    ["thousands and hundreds", "four thousand one hundred eleven eleven eleven eleven eleven eleven eleven"],
    ["hundreds", "forty-one hundred eleven, eleven eleven, eleven eleven, eleven eleven"],
    ["double and triple", "four triple one double one one one one one one double one triple one"],
  ])("finds a Visa said as %s", (_name, said) => {
    const spans = flagged(`the number is ${said} thanks`);
    expect(spans).toHaveLength(1);
    expect(spans[0][0]).toBe("card_number");
  });

  it("reads oh as zero only next to other numbers", () => {
    expect(flagged("oh okay it's six oh one one one one one one one one one one one one one seven")).toEqual([
      ["card_number", 3, 18],
    ]);
  });

  it("follows a correction to the corrected number and flags the retracted digits too", () => {
    const said = "it's four one one... sorry, four one two two oh oh oh oh oh oh oh oh oh oh oh five";
    expect(flagged(said)).toEqual([["card_number", 1, 20]]);
  });

  it("joins a number read over several turns around filler and the other speaker's acknowledgement", () => {
    const t: Transcript = {
      words: [
        ...["four", "one", "one", "one", "um"].map((text, i) => ({
          text,
          startMs: i * 400,
          endMs: i * 400 + 300,
          speaker: "c",
        })),
        { text: "okay", startMs: 2500, endMs: 2800, speaker: "a" },
        ...["let", "me", "see", "1111", "1111", "1111"].map((text, i) => ({
          text,
          startMs: 3500 + i * 400,
          endMs: 3800 + i * 400,
          speaker: "c",
        })),
      ],
    };
    expect(patternSpans(t).map((s) => [s.kind, s.firstWord, s.lastWord])).toEqual([["card_number", 0, 11]]);
  });

  it("leaves alone Luhn failures, numbers outside every network, phones, amounts and split numbers", () => {
    expect(flagged("order 4111 1111 1111 1112")).toEqual([]);
    expect(flagged("reference 1234 5678 1234 5670")).toEqual([]);
    expect(flagged("call 415 555 0132 or 1 800 555 0199")).toEqual([]);
    expect(flagged("it costs $4,111.11 or 4111 dollars")).toEqual([]);
    // Digits said in one go are never split: a 20-digit reference that begins with a card is not a card.
    expect(flagged("ref 41111111111111110000")).toEqual([]);
    // A phone number asked for by the other speaker does not continue the card.
    expect(flagged("card 4111 1111 1111 1111 phone 4155550132")).toEqual([["card_number", 1, 4]]);
  });

  it("still finds a card after a degenerate run of corrections (the search falls back to contiguous readings)", () => {
    const said = `${"one sorry ".repeat(3_000)}4111 1111 1111 1111`;
    const spans = flagged(said);
    expect(spans.at(-1)).toEqual(["card_number", 6_000, 6_003]);
  });

  it("flags CVVs and expiry dates near card context only", () => {
    expect(flagged("the CVV is 737")).toEqual([["cvv", 3, 3]]);
    expect(flagged("three digits on the back are four five six")).toEqual([["cvv", 6, 8]]);
    expect(flagged("expires oh four twenty-seven")).toEqual([["expiry", 1, 3]]);
    expect(flagged("expiry April 2027")).toEqual([["expiry", 1, 2]]);
    expect(flagged("valid thru 12/29")).toEqual([["expiry", 2, 2]]);
    expect(flagged("see you April 2027 in room 737 at 12/29")).toEqual([]);
    expect(flagged("my social security number is 123")).toEqual([]);
  });
});

describe("localSpans (layer 1, offline)", () => {
  it("flags a card-context number even when a misheard digit makes it fail Luhn", () => {
    const said = "my card number is 4111 1111 1111 1112";
    expect(patternSpans(transcript(said))).toEqual([]);
    expect(localSpans(transcript(said)).map((s) => [s.kind, s.firstWord, s.lastWord, s.layer])).toEqual([
      ["card_number", 4, 7, 1],
    ]);
  });

  it("does not flag long numbers said without card context", () => {
    expect(localSpans(transcript("my order number is 1234 5678 9012 3456"))).toEqual([]);
  });
});

const DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** A random Luhn-valid card in one of the network's IIN ranges, at one of its lengths. */
const cardOf = (index: number) =>
  fc
    .record({
      range: fc.constantFrom(...CARD_NETWORKS[index].prefixes),
      length: fc.integer({ min: CARD_NETWORKS[index].lengths[0], max: CARD_NETWORKS[index].lengths[1] }),
      seed: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
      pick: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    })
    .map(({ range: [low, high], length, seed, pick }) => {
      const prefix = String(low + Math.floor(pick * (high - low + 1)));
      const body = (prefix + seed.join("")).slice(0, length - 1);
      const check = [..."0123456789"].find((d) => passesLuhn(body + d));
      return body + check;
    });

describe("property: a random valid card of each network, spoken in digits or words, is always found", () => {
  it.each(CARD_NETWORKS.map((n, i) => [n.network, i] as const))("%s", (_network, index) => {
    fc.assert(
      fc.property(cardOf(index), fc.constantFrom("digits", "groups", "words", "words-oh"), (card, style) => {
        const said =
          style === "digits"
            ? [...card].join(" ")
            : style === "groups"
              ? (card.match(/.{1,4}/g) ?? []).join(" ")
              : [...card].map((d) => (d === "0" && style === "words-oh" ? "oh" : DIGIT_WORDS[Number(d)])).join(" ");
        const t = transcript(`okay so it's ${said} thank you`);
        const cardWords = t.words.length - 6;
        const spans = patternSpans(t).filter((s) => s.kind === "card_number");
        return spans.some((s) => s.firstWord <= 3 && s.lastWord >= 3 + cardWords - 1);
      }),
      { numRuns: 150 },
    );
  });
});
