import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeWav, toneSamples } from "@/lib/testing/test-wav";
import { isSilenced, measureSpans, readWavFormat, sha256OfStream, silenceSpans, validateSilence } from ".";

async function* chunksOf(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function silenced(original: Buffer, spans: { startMs: number; endMs: number }[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of silenceSpans(chunksOf(original, 4096), readWavFormat(original), spans)) parts.push(part);
  return Buffer.concat(parts);
}

describe("validateSilence", () => {
  const spans = [
    { startMs: 100, endMs: 300 },
    { startMs: 700, endMs: 900 },
  ];

  it("passes a silenced file, with its SHA-256", async () => {
    const redacted = await silenced(encodeWav(toneSamples({ sampleRate: 8000, durationMs: 1000, channels: 2 })), spans);
    const result = await validateSilence(chunksOf(redacted, 1000), readWavFormat(redacted), spans);
    expect(result).toMatchObject({ passed: true, loudestPeak: 0 });
    expect(result.sha256).toBe(createHash("sha256").update(redacted).digest("hex"));
    expect(await sha256OfStream(chunksOf(redacted, 333))).toBe(result.sha256);
  });

  it.each([
    [
      "16-bit, the span's last frame, right channel",
      16,
      (format: { dataOffset: number }) => format.dataOffset + (2400 - 1) * 4 + 2,
      1,
    ],
    [
      "16-bit, the span's first frame, left channel",
      16,
      (format: { dataOffset: number }) => format.dataOffset + 800 * 4,
      1,
    ],
    ["8-bit, one step off the midpoint", 8, (format: { dataOffset: number }) => format.dataOffset + 5600 * 2 + 1, 129],
  ] as const)("fails when a single sample is off silence: %s", async (_name, bitsPerSample, at, value) => {
    const original = encodeWav(toneSamples({ sampleRate: 8000, durationMs: 1000, channels: 2, bitsPerSample }));
    const redacted = await silenced(original, spans);
    const format = readWavFormat(redacted);
    redacted[at(format)] = value;
    const result = await validateSilence(chunksOf(redacted, 1000), format, spans);
    expect(result.passed).toBe(false);
    expect(result.loudestPeak).toBeGreaterThan(0);
    expect(result.spans.filter((measure) => !isSilenced(measure))).toHaveLength(1);
  });

  it("fails an unredacted file, and measures loudness normalized to full scale", async () => {
    const original = encodeWav(toneSamples({ sampleRate: 16000, durationMs: 1000, amplitude: 0.5 }));
    const result = await validateSilence(chunksOf(original, 1000), readWavFormat(original), spans);
    expect(result.passed).toBe(false);
    for (const measure of result.spans) {
      expect(measure.peak).toBeGreaterThan(0.45);
      expect(measure.peak).toBeLessThanOrEqual(0.5);
      expect(measure.rms).toBeGreaterThan(0.3); // a sine's RMS is its amplitude over √2
      expect(measure.rms).toBeLessThan(0.36);
    }
  });

  it("measures a span outside the audio as 0 frames, and refuses a file that ends early", async () => {
    const original = encodeWav(toneSamples({ sampleRate: 8000, durationMs: 1000 }));
    const format = readWavFormat(original);
    const [outside] = await measureSpans(chunksOf(original, 500), format, [{ startMs: 5000, endMs: 6000 }]);
    expect(outside).toEqual({ startMs: 5000, endMs: 6000, rms: 0, peak: 0, frames: 0 });
    await expect(validateSilence(chunksOf(original.subarray(0, 9000), 500), format, spans)).rejects.toThrow(
      /ends before/,
    );
  });
});
