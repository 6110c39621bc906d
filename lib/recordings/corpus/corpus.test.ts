import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cardNetworkOf } from "@/lib/audit/card-networks";
import { patternSpans } from "../detect/pattern-spans";
import { CORPUS, corpusItem, corpusItemLabels, corpusItemWords, corpusTranscript } from "./index";
import { corpusReportMarkdown, scoreCorpus } from "./score-corpus";

describe("the PCI test corpus", () => {
  const scores = scoreCorpus(CORPUS);

  it("has at least 40 labelled transcripts with cards of every major network, negatives and companions", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((i) => i.id)).size).toBe(CORPUS.length);
    const networks = new Set(CORPUS.map((i) => i.network));
    for (const n of ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay", "maestro"])
      expect(networks).toContain(n);
    expect(CORPUS.filter((i) => i.category === "negative").length).toBeGreaterThanOrEqual(10);
    const kinds = CORPUS.flatMap(corpusItemLabels).map((l) => l.kind);
    expect(kinds.filter((k) => k === "cvv").length).toBeGreaterThanOrEqual(4);
    expect(kinds.filter((k) => k === "expiry").length).toBeGreaterThanOrEqual(4);
  });

  it("labels each card item's card with the network it claims (the digits said are a real card of that network)", () => {
    // Spot-check that the labels mean what they say: digits of the written-out items.
    expect(cardNetworkOf("6221260000000000")).toBe("discover");
    const item = corpusItem("visa-digits");
    const [label] = corpusItemLabels(item);
    const words = corpusItemWords(item)
      .slice(label.firstWord, label.lastWord + 1)
      .map((w) => w.text);
    expect(words.join("")).toBe("4111111111111111");
  });

  it("finds every card number with the layers combined (recall 100%)", () => {
    const cards = scores.byLayer.combined.card_number;
    expect(scores.missedCards.combined).toEqual([]);
    expect(cards.found).toBe(cards.labelled);
    expect(cards.labelled).toBeGreaterThanOrEqual(35);
  });

  it("flags nothing in any negative transcript with the patterns (layer 2)", () => {
    expect(scores.negativesFlagged["layer 2 (patterns)"]).toEqual([]);
    for (const item of CORPUS.filter((i) => i.category === "negative"))
      expect(patternSpans(corpusTranscript(item))).toEqual([]);
  });

  it("leaves the order and phone numbers of the mixed calls alone", () => {
    for (const id of ["mixed-card-and-order", "mixed-card-and-phone"]) {
      const item = corpusItem(id);
      const [label] = corpusItemLabels(item);
      for (const span of patternSpans(corpusTranscript(item))) {
        expect(span.firstWord).toBeGreaterThanOrEqual(label.firstWord);
        expect(span.lastWord).toBeLessThanOrEqual(label.lastWord);
      }
    }
  });

  it("keeps REPORT.md in step with the detectors (regenerate: node --import tsx lib/recordings/corpus/write-report.ts)", () => {
    const report = readFileSync(new URL("./REPORT.md", import.meta.url), "utf8");
    expect(report).toBe(corpusReportMarkdown(scores));
  });

  it("gives text-to-speech the words of an item and rebuilds the transcript from measured times", () => {
    const item = corpusItem("split-turns-filler");
    const words = corpusItemWords(item);
    expect(words.some((w) => w.text.startsWith("<"))).toBe(false);
    expect(new Set(words.map((w) => w.speaker))).toEqual(new Set(["agent", "caller"]));
    const times = words.map((_, i) => ({ startMs: i * 1000, endMs: i * 1000 + 600 }));
    const t = corpusTranscript(item, times);
    expect(t.words[3]).toMatchObject({ startMs: 3000, endMs: 3600 });
    expect(() => corpusTranscript(item, times.slice(1))).toThrow();
  });
});
