import { describe, expect, it } from "vitest";
import { freeTextIndexOf, phraseParts, shareOf, WHOLE_PHRASE_INDEX, type SearchTextSample } from "./free-text-index";

/** A billing trail, as the statistics sample it: "invoice" on nearly every entry, the rest spread thinner. */
const SAMPLE: SearchTextSample = [
  { text: "invoice paid in batch 17", share: 0.5 },
  { text: "invoice paid in batch 4171", share: 0.01 },
  { text: "invoice 4242 refunded", share: 0.005 },
  { text: "user7@example.com invoice", share: 0.015 },
  { text: "invoice 99999 paid", share: 0.47 },
];

describe("phraseParts", () => {
  it("takes each word with the character on either side of it, so its start and end are looked up too", () => {
    expect(phraseParts("Invoice 4242")).toEqual(["Invoice ", " 4242"]);
    expect(phraseParts("ada@example.com")).toEqual(["ada@", "@example.", ".com"]);
    expect(phraseParts("batch 417")).toEqual(["batch ", " 417"]);
  });

  it("leaves out words that make no trigram in every locale, and repeats", () => {
    expect(phraseParts("a 42 b")).toEqual([]);
    expect(phraseParts("Müller")).toEqual(["Müller"]);
    expect(phraseParts("日本")).toEqual([]);
    expect(phraseParts("paid paid")).toEqual(["paid ", " paid"]);
  });
});

describe("shareOf", () => {
  it("adds up the shares of the sampled texts holding the part, in any case", () => {
    expect(shareOf(SAMPLE, "INVOICE ")).toBeCloseTo(0.985);
    expect(shareOf(SAMPLE, " 418")).toBe(0);
    expect(shareOf(SAMPLE, "User7@")).toBeCloseTo(0.015);
  });
});

describe("freeTextIndexOf", () => {
  const index = freeTextIndexOf(SAMPLE);

  it("looks up only the rare parts of a phrase, and tests the whole phrase exactly", () => {
    expect(index("Invoice 4242")).toEqual({ indexed: ["% 4242%"], exact: "%Invoice 4242%" });
    expect(index("in batch 4171")).toEqual({ indexed: ["% 4171%"], exact: "%in batch 4171%" });
  });

  it("looks up every rare part: each narrows the entries the exact test reads", () => {
    expect(index("4242 refunded").indexed).toEqual(["%4242 %", "% refunded%"]);
    expect(index("user7@example.com").indexed).toEqual(["%user7@%", "%@example.%", "%.com%"]);
  });

  it("looks up the rarest part alone when none is rare, leaving the planner to weigh it", () => {
    expect(index("invoice paid").indexed).toEqual(["% paid%"]);
  });

  it("escapes LIKE's pattern characters in every pattern", () => {
    expect(index("50% of 1_000")).toEqual({ indexed: ["%\\_000%"], exact: "%50\\% of 1\\_000%" });
  });

  it("asks for the whole phrase where it is one part, has none, or there are no statistics yet", () => {
    expect(index("4242")).toEqual({ indexed: ["%4242%"], exact: "%4242%" });
    expect(index("日本")).toEqual({ indexed: ["%日本%"], exact: "%日本%" });
    expect(freeTextIndexOf(null)("Invoice 4242")).toEqual(WHOLE_PHRASE_INDEX("Invoice 4242"));
    expect(freeTextIndexOf([])("Invoice 4242")).toEqual(WHOLE_PHRASE_INDEX("Invoice 4242"));
  });
});
