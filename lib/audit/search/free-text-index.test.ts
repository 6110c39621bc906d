import { describe, expect, it } from "vitest";
import {
  freeTextIndexOf,
  lookupPattern,
  phrasePieces,
  sampled,
  shareOf,
  trigramsOf,
  WHOLE_PHRASE_INDEX,
  type SearchTextSample,
} from "./free-text-index";

/** A billing trail, as the statistics sample it: "invoice" on every entry, the rest spread thinner. */
const SAMPLE: SearchTextSample = [
  { text: "invoice.paid\u001fuser1@example.com\u001fInvoice 17", share: 0.5 },
  { text: "invoice.paid\u001fuser42@example.com\u001fInvoice 4171", share: 0.008 },
  { text: "invoice.refunded\u001fuser7@example.com\u001fInvoice 4242", share: 0.005 },
  { text: "invoice.paid\u001fuser420@example.com\u001fInvoice 99", share: 0.015 },
  { text: "invoice.paid\u001fuser3@example.com\u001fInvoice 9942", share: 0.47 },
].map(({ text, share }) => sampled(text, share));

const piece = (phrase: string, text: string) => phrasePieces(phrase).find((candidate) => candidate.text === text)!;
const texts = (phrase: string) => phrasePieces(phrase).map((p) => p.text);

describe("trigramsOf", () => {
  it("makes pg_trgm's trigrams: words of letters and digits, lower-cased, two spaces before and one after", () => {
    expect([...trigramsOf("Ab-42")].sort()).toEqual(["  4", "  a", " 42", " ab", "42 ", "ab "].sort());
  });
});

describe("phrasePieces", () => {
  it("takes three letters or digits inside a word, a word's start after a sign and its end before one", () => {
    expect(texts("Invoice 4242")).toEqual(["Inv", "nvo", "voi", "oic", "ice", "ce ", "424", "242", " 42"]);
    expect(piece("Invoice 4242", " 42")).toEqual({ text: " 42", start: 7, end: 10, trigrams: ["  4", " 42"] });
    expect(piece("Invoice 4242", "ce ").trigrams).toEqual(["ce "]);
    expect(piece("Invoice 4242", "424").trigrams).toEqual(["424"]);
  });

  it("leaves out what makes no trigram in every locale", () => {
    expect(phrasePieces("a b")).toEqual([]);
    expect(phrasePieces("日本語")).toEqual([]);
    expect(texts("Müller")).toEqual(["lle", "ler"]);
    expect(texts("İstanbul")).toEqual(["sta", "tan", "anb", "nbu", "bul"]);
  });
});

describe("lookupPattern", () => {
  it("joins the pieces in the phrase's order, overlapping ones into one", () => {
    const phrase = "user42@example.com";
    expect(lookupPattern(phrase, [piece(phrase, "42@"), piece(phrase, "r42"), piece(phrase, "amp")])).toBe(
      "%r42@%amp%",
    );
    expect(lookupPattern("Invoice 4242", [piece("Invoice 4242", "242"), piece("Invoice 4242", " 42")])).toBe("% 4242%");
  });

  it("keeps pieces that only touch apart, and escapes LIKE's pattern characters", () => {
    expect(lookupPattern("abcdef", [piece("abcdef", "def"), piece("abcdef", "abc")])).toBe("%abc%def%");
    expect(lookupPattern("1_000", [piece("1_000", "_00")])).toBe("%\\_00%");
  });
});

describe("shareOf", () => {
  it("adds up the shares of the sampled texts holding every trigram of the pieces", () => {
    expect(shareOf(SAMPLE, [piece("Invoice 4242", "voi")])).toBeCloseTo(1);
    expect(shareOf(SAMPLE, [piece("Invoice 4242", "424")])).toBeCloseTo(0.005);
    expect(shareOf(SAMPLE, [piece("user42@", "r42")])).toBeCloseTo(0.023);
    expect(shareOf(SAMPLE, [piece("user42@", "r42"), piece("user42@", "42@")])).toBeCloseTo(0.008);
  });
});

describe("freeTextIndexOf", () => {
  const index = freeTextIndexOf(SAMPLE);

  it("looks up the rarest piece, not the words on every entry, and tests the whole phrase exactly", () => {
    expect(index("Invoice 4242")).toEqual({ lookup: "%424%", exact: "%Invoice 4242%" });
    // No sampled word ends in "50": that piece alone hands on next to nothing, so nothing more is worth its posting lists.
    expect(index("50% of 4242")).toEqual({ lookup: "%50\\%%", exact: "%50\\% of 4242%" });
  });

  it("adds a piece while it hands on fewer entries for little more posting list", () => {
    expect(index("user42@example.com").lookup).toEqual("%er42@%");
  });

  it("looks up one piece when none is rare, leaving the planner to weigh it against reading the newest entries", () => {
    expect(index("Invoice 17 paid").lookup).toEqual("%17 %");
  });

  it("only tests a phrase on one entry in a hundred or more: the newest entries fill a page sooner", () => {
    expect(index("invoice.paid")).toEqual({ lookup: null, exact: "%invoice.paid%" });
    expect(index("USER42@")).toEqual({ lookup: "%ER42@%", exact: "%USER42@%" });
  });

  it("asks for the whole phrase where it has no piece, or there are no statistics yet", () => {
    expect(index("日本")).toEqual({ lookup: "%日本%", exact: "%日本%" });
    expect(freeTextIndexOf(null)("Invoice 4242")).toEqual(WHOLE_PHRASE_INDEX("Invoice 4242"));
    expect(freeTextIndexOf([])("Invoice 4242")).toEqual(WHOLE_PHRASE_INDEX("Invoice 4242"));
  });
});
