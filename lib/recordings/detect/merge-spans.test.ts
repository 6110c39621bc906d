import { describe, expect, it } from "vitest";
import type { Transcript } from "../transcript/types";
import { mergeSpans } from "./merge-spans";
import { redactTranscript } from "./redact-transcript";
import type { Span } from "./types";

const span = (startMs: number, endMs: number, firstWord = 0, lastWord = 0): Span => ({
  startMs,
  endMs,
  kind: "card_number",
  layer: 2,
  firstWord,
  lastWord,
});

describe("mergeSpans", () => {
  it("pads by 250 ms by default, joins overlaps across layers and clamps to the recording", () => {
    expect(mergeSpans([span(1000, 2000), { ...span(2400, 3000), layer: 1 }, span(100, 200)], undefined, 3100)).toEqual([
      { startMs: 0, endMs: 450 },
      { startMs: 750, endMs: 3100 },
    ]);
  });

  it("keeps separate ranges apart and takes a configured margin", () => {
    expect(mergeSpans([span(5000, 6000), span(1000, 2000)], 100)).toEqual([
      { startMs: 900, endMs: 2100 },
      { startMs: 4900, endMs: 6100 },
    ]);
    expect(mergeSpans([], 250, 1000)).toEqual([]);
    expect(() => mergeSpans([span(0, 1)], -1)).toThrow(RangeError);
  });
});

describe("redactTranscript", () => {
  const t: Transcript = {
    words: ["card", "4111", "1111", "ok"].map((text, i) => ({ text, startMs: i, endMs: i + 1 })),
    durationMs: 9,
  };

  it("replaces every word from a span's first to last with [redacted], keeping times", () => {
    const out = redactTranscript(t, [span(1, 3, 1, 2)]);
    expect(out.words.map((w) => w.text)).toEqual(["card", "[redacted]", "[redacted]", "ok"]);
    expect(out.words[1].startMs).toBe(1);
    expect(out.durationMs).toBe(9);
    expect(t.words[1].text).toBe("4111");
  });

  it("fails closed on a span outside the transcript", () => {
    expect(() => redactTranscript(t, [span(0, 1, 2, 9)])).toThrow(RangeError);
    expect(() => redactTranscript(t, [span(0, 1, 2, 1)])).toThrow(RangeError);
  });
});
