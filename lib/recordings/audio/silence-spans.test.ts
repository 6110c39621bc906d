import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WaveFile } from "wavefile";
import { encodeWav, toneSamples } from "@/lib/testing/test-wav";
import {
  measureSpans,
  readWavFormat,
  silenceSpans,
  spanFrames,
  validateSilence,
  type AudioSpan,
  type WavFormat,
} from ".";

async function* chunksOf(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

/** wavefile's decoding, interleaved: the independent reading the comparisons rest on. */
function decoded(wav: Buffer): number[] {
  const file = new WaveFile(wav);
  return Array.from(file.getSamples(true, Float64Array) as Float64Array);
}

/** Which frames lie in any span, by spanFrames' rounding (outwards). */
function spanMask(format: WavFormat, spans: AudioSpan[]): Uint8Array {
  const mask = new Uint8Array(format.frames);
  for (const span of spans) {
    const { startFrame, endFrame } = spanFrames(format, span);
    mask.fill(1, startFrame, endFrame);
  }
  return mask;
}

/** Checks a silenced copy sample by sample against the original, both decoded by wavefile. */
function expectSilencedExactly(original: Buffer, silenced: Buffer, spans: AudioSpan[]) {
  const format = readWavFormat(original);
  const [before, after] = [decoded(original), decoded(silenced)];
  expect(after.length).toBe(before.length);
  const silence = format.bitsPerSample === 8 ? 128 : 0;
  const mask = spanMask(format, spans);
  let inside = 0;
  let mismatches = 0;
  for (let index = 0; index < before.length; index++) {
    const frame = Math.floor(index / format.channels);
    if (mask[frame]) {
      inside++;
      if (after[index] !== silence) mismatches++;
    } else if (after[index] !== before[index]) mismatches++;
  }
  expect(mismatches).toBe(0);
  return inside;
}

const layouts = [8000, 16000, 44100].flatMap((sampleRate) =>
  ([8, 16] as const).flatMap((bitsPerSample) => [1, 2].map((channels) => ({ sampleRate, bitsPerSample, channels }))),
);

describe("silenceSpans", () => {
  it.each(layouts)(
    "silences spans at the start, end, overlapping and outside: $sampleRate Hz $bitsPerSample-bit $channels ch",
    async (layout) => {
      const original = encodeWav(toneSamples({ ...layout, durationMs: 3000 }), {
        before: [{ id: "LIST", body: Buffer.from("INFOISFT\u0006\u0000\u0000\u0000verity") }],
      });
      const copy = Buffer.from(original);
      const spans = [
        { startMs: -50, endMs: 200 }, // before the start: clamped
        { startMs: 1000.3, endMs: 1400.7 }, // fractional: rounded outwards
        { startMs: 1300, endMs: 1700 }, // overlaps the previous one
        { startMs: 2800, endMs: 3600 }, // past the end
        { startMs: 4000, endMs: 5000 }, // wholly outside
        { startMs: 2000, endMs: 2000 }, // empty
      ];
      const format = readWavFormat(original);
      const loudBefore = await measureSpans(chunksOf(original, 4096), format, spans);
      expect(loudBefore.slice(0, 4).every((measure) => measure.peak > 0.2 && measure.rms > 0.1)).toBe(true);

      const silenced = await collect(silenceSpans(chunksOf(original, 1001), format, spans));
      expect(original.equals(copy)).toBe(true); // the input's chunks are left alone
      expect(silenced.length).toBe(original.length);
      expect(silenced.subarray(0, format.dataOffset).equals(original.subarray(0, format.dataOffset))).toBe(true);
      const inside = expectSilencedExactly(original, silenced, spans);
      const r = layout.sampleRate / 1000; // frames per millisecond, computed here independently of spanFrames
      const fractional = Math.ceil(1400.7 * r) - Math.floor(1000.3 * r);
      expect(inside).toBe((200 * r + (1700 * r - Math.floor(1000.3 * r)) + 200 * r) * layout.channels);

      const measured = await measureSpans(chunksOf(silenced, 777), format, spans);
      expect(measured.map(({ peak, rms }) => [peak, rms])).toEqual(spans.map(() => [0, 0]));
      expect(measured.map((measure) => measure.frames)).toEqual([200 * r, fractional, 400 * r, 200 * r, 0, 0]);
    },
  );

  it("silences every channel and the whole frame when a span ends in a trailing partial frame", async () => {
    const pcm = toneSamples({ sampleRate: 8000, durationMs: 100, channels: 2 });
    const withPartial = Buffer.concat([encodeWav(pcm), Buffer.from([0x7f])]);
    withPartial.writeUInt32LE(pcm.samples.byteLength + 1, 40);
    withPartial.writeUInt32LE(withPartial.length - 8, 4);
    const format = readWavFormat(withPartial);
    expect(format.frames).toBe(800);
    const silenced = await collect(silenceSpans(chunksOf(withPartial, 333), format, [{ startMs: 90, endMs: 100 }]));
    expect(silenced.subarray(44 + 720 * 4).every((byte) => byte === 0)).toBe(true);
    expect(silenced.subarray(44, 44 + 720 * 4).equals(withPartial.subarray(44, 44 + 720 * 4))).toBe(true);
  });

  it("passes chunks after the data through and refuses a file that ends early", async () => {
    const original = encodeWav(toneSamples({ sampleRate: 8000, durationMs: 100 }), {
      after: [{ id: "LIST", body: Buffer.alloc(30, 0x55) }],
    });
    const format = readWavFormat(original);
    const silenced = await collect(silenceSpans(chunksOf(original, 64), format, [{ startMs: 0, endMs: 10_000 }]));
    expect(
      silenced
        .subarray(format.dataOffset + format.dataBytes)
        .equals(original.subarray(format.dataOffset + format.dataBytes)),
    ).toBe(true);
    expect(silenced.subarray(format.dataOffset, format.dataOffset + format.dataBytes).every((byte) => byte === 0)).toBe(
      true,
    );
    await expect(collect(silenceSpans(chunksOf(original.subarray(0, 500), 64), format, []))).rejects.toThrow(
      /ends before/,
    );
  });

  it("refuses spans that are not spans", async () => {
    const original = encodeWav(toneSamples({ sampleRate: 8000, durationMs: 100 }));
    const format = readWavFormat(original);
    await expect(collect(silenceSpans(chunksOf(original, 64), format, [{ startMs: 50, endMs: 10 }]))).rejects.toThrow(
      RangeError,
    );
    await expect(
      collect(silenceSpans(chunksOf(original, 64), format, [{ startMs: Number.NaN, endMs: 10 }])),
    ).rejects.toThrow(RangeError);
  });

  it("for any spans and chunk sizes, leaves outside samples identical and validation passes", async () => {
    const layout = fc.record({
      sampleRate: fc.constantFrom(8000, 11025, 16000, 22050, 44100),
      bitsPerSample: fc.constantFrom(8 as const, 16 as const),
      channels: fc.integer({ min: 1, max: 3 }),
    });
    const span = fc.tuple(
      fc.double({ min: -100, max: 700, noNaN: true }),
      fc.double({ min: 0, max: 400, noNaN: true }),
    );
    await fc.assert(
      fc.asyncProperty(
        layout,
        fc.array(span, { maxLength: 6 }),
        fc.integer({ min: 1, max: 5000 }),
        async (pcmLayout, pairs, size) => {
          const original = encodeWav(toneSamples({ ...pcmLayout, durationMs: 500 }));
          const format = readWavFormat(original);
          const spans = pairs.map(([startMs, length]) => ({ startMs, endMs: startMs + length }));
          const silenced = await collect(silenceSpans(chunksOf(original, size), format, spans));
          expectSilencedExactly(original, silenced, spans);
          const validation = await validateSilence(chunksOf(silenced, size + 1), format, spans);
          expect(validation.passed).toBe(true);
          expect(validation.sha256).toBe(createHash("sha256").update(silenced).digest("hex"));
        },
      ),
      { numRuns: 60 },
    );
  });
});
