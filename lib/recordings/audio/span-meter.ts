import { InvalidAudioError } from "./audio-errors";
import type { AudioSpan } from "./audio-input";
import { spanFrames, type FrameRange } from "./span-frames";
import type { WavFormat } from "./wav-format";

/** A span's loudness, normalized to full scale (0–1) over every channel; `frames` is 0 for a span outside the audio. */
export type SpanMeasure = AudioSpan & { rms: number; peak: number; frames: number };

type Tally = FrameRange & { sumSquares: number; peakLevel: number };

/**
 * Measures spans of a WAV file fed to it chunk by chunk from the file's first byte, in constant memory: only
 * a partial frame split across two chunks is held. Each span is measured on its own (overlaps are not merged),
 * over the same outward-rounded frames silenceSpans silences.
 */
export class SpanMeter {
  private readonly tallies: Tally[];
  private position = 0;
  private frame = 0;
  private carry = Buffer.alloc(0);
  private readonly dataEnd: number;
  private readonly fullScale: number;

  constructor(
    private readonly format: WavFormat,
    private readonly spans: readonly AudioSpan[],
  ) {
    this.tallies = spans.map((span) => ({ ...spanFrames(format, span), sumSquares: 0, peakLevel: 0 }));
    this.dataEnd = format.dataOffset + format.frames * format.blockAlign;
    this.fullScale = format.bitsPerSample === 8 ? 128 : 32768;
  }

  push(chunk: Buffer): void {
    const start = this.position;
    this.position += chunk.length;
    const from = Math.max(start, this.format.dataOffset);
    const to = Math.min(this.position, this.dataEnd);
    if (to <= from) return;
    let bytes = chunk.subarray(from - start, to - start);
    const { blockAlign } = this.format;
    if (this.carry.length > 0) {
      const needed = blockAlign - this.carry.length;
      this.carry = Buffer.concat([this.carry, bytes.subarray(0, needed)]);
      bytes = bytes.subarray(needed);
      if (this.carry.length < blockAlign) return;
      this.measureFrames(this.carry);
      this.carry = Buffer.alloc(0);
    }
    const whole = bytes.length - (bytes.length % blockAlign);
    this.measureFrames(bytes.subarray(0, whole));
    if (whole < bytes.length) this.carry = Buffer.from(bytes.subarray(whole));
  }

  /** The measures, in the order the spans were given; throws if the file ended before its data did. */
  result(): SpanMeasure[] {
    if (this.position < this.dataEnd) throw new InvalidAudioError("The audio ends before its WAV data chunk does");
    return this.spans.map((span, index) => {
      const { startFrame, endFrame, sumSquares, peakLevel } = this.tallies[index];
      const frames = endFrame - startFrame;
      const samples = frames * this.format.channels;
      const rms = samples === 0 ? 0 : Math.sqrt(sumSquares / samples) / this.fullScale;
      return { startMs: span.startMs, endMs: span.endMs, rms, peak: peakLevel / this.fullScale, frames };
    });
  }

  /** `bytes` holds whole frames starting at this.frame. */
  private measureFrames(bytes: Buffer): void {
    const { blockAlign, bitsPerSample } = this.format;
    const first = this.frame;
    const last = first + bytes.length / blockAlign;
    this.frame = last;
    for (const tally of this.tallies) {
      const a = Math.max(tally.startFrame, first);
      const b = Math.min(tally.endFrame, last);
      if (b <= a) continue;
      const begin = (a - first) * blockAlign;
      const end = (b - first) * blockAlign;
      let sumSquares = 0;
      let peak = tally.peakLevel;
      if (bitsPerSample === 16) {
        for (let at = begin; at < end; at += 2) {
          const level = Math.abs(bytes.readInt16LE(at));
          sumSquares += level * level;
          if (level > peak) peak = level;
        }
      } else {
        for (let at = begin; at < end; at++) {
          const level = Math.abs(bytes[at] - 128);
          sumSquares += level * level;
          if (level > peak) peak = level;
        }
      }
      tally.sumSquares += sumSquares;
      tally.peakLevel = peak;
    }
  }
}
