import { describe, expect, it } from "vitest";
import { WaveFile } from "wavefile";
import { speakWords } from "@/lib/testing/spoken-audio";
import { measureSpans, readWavFormat, silenceSpans, validateSilence } from ".";

async function* chunksOf(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const CARD = "four one one one one one one one one one one one one one one one".split(" ");
const PADDING_MS = 250; // the default margin around a flagged span
const SPEECH_FLOOR_RMS = 0.02; // −34 dBFS: espeak-ng's voiced words measure well above it

describe("silencing a spoken card number (espeak-ng + sox)", () => {
  it("leaves every sample inside the card's words at 0 and the other words as they were", async () => {
    const words = ["my", "card", "number", "is", ...CARD, "thank", "you"];
    // gaps wider than the padding, so a padded span never reaches into a neighbouring word
    const spoken = await speakWords(words, { sampleRate: 8000, gapMs: 300 });
    const format = readWavFormat(spoken.wav);
    expect(format).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    const cardWords = spoken.words.slice(4, 4 + CARD.length);
    const otherWords = [...spoken.words.slice(0, 4), ...spoken.words.slice(4 + CARD.length)];
    const flagged = [{ startMs: cardWords[0].startMs - PADDING_MS, endMs: cardWords.at(-1)!.endMs + PADDING_MS }];

    const before = await measureSpans(chunksOf(spoken.wav, 4096), format, spoken.words);
    expect(before.every((word) => word.rms > SPEECH_FLOOR_RMS)).toBe(true);

    const parts: Buffer[] = [];
    for await (const part of silenceSpans(chunksOf(spoken.wav, 4096), format, flagged)) parts.push(part);
    const redacted = Buffer.concat(parts);

    const validation = await validateSilence(chunksOf(redacted, 4096), readWavFormat(redacted), [
      ...flagged,
      ...cardWords,
    ]);
    expect(validation.passed).toBe(true);
    expect(validation.spans.every((span) => span.peak === 0 && span.frames > 0)).toBe(true);

    const samples = new WaveFile(redacted).getSamples(false, Int16Array) as unknown as Int16Array;
    const [from, to] = [flagged[0].startMs, flagged[0].endMs].map((ms) => (ms * 8000) / 1000);
    expect(samples.subarray(Math.floor(from), Math.ceil(to)).every((sample) => sample === 0)).toBe(true);

    const after = await measureSpans(chunksOf(redacted, 4096), format, otherWords);
    const untouched = await measureSpans(chunksOf(spoken.wav, 4096), format, otherWords);
    expect(after).toEqual(untouched);
    expect(after.every((word) => word.rms > SPEECH_FLOOR_RMS)).toBe(true);
  });

  it("speakWords' timestamps bound each word: the gaps between them are digital silence, the words are not", async () => {
    const spoken = await speakWords(["four", "one", "eleven"], { sampleRate: 16000, gapMs: 100 });
    const format = readWavFormat(spoken.wav);
    expect(format.sampleRate).toBe(16000);
    const gaps = spoken.words
      .slice(1)
      .map((word, index) => ({ startMs: spoken.words[index].endMs, endMs: word.startMs }));
    expect(gaps.map((gap) => gap.endMs - gap.startMs)).toEqual([100, 100]);
    const [gapMeasures, wordMeasures] = await Promise.all([
      measureSpans(chunksOf(spoken.wav, 4096), format, [{ startMs: 0, endMs: 100 }, ...gaps]),
      measureSpans(chunksOf(spoken.wav, 4096), format, spoken.words),
    ]);
    expect(gapMeasures.every((gap) => gap.peak === 0)).toBe(true);
    expect(wordMeasures.every((word) => word.rms > SPEECH_FLOOR_RMS)).toBe(true);
    expect(spoken.words.at(-1)!.endMs + 100).toBe(format.durationMs);
  });
});
