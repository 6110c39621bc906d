import type { AudioSpan } from "./audio-input";
import type { WavFormat } from "./wav-format";

/** A span as frames of the data chunk: [startFrame, endFrame), clamped to the audio; empty when outside it. */
export type FrameRange = { startFrame: number; endFrame: number };

/**
 * The frames a span covers, rounded outwards (a frame partly inside a span is inside it: redaction errs on the
 * side of silence) and clamped to the data. Throws on a span that is not a pair of finite numbers with
 * endMs ≥ startMs: a caller's bug must not silently silence nothing.
 */
export function spanFrames(format: WavFormat, span: AudioSpan): FrameRange {
  const { startMs, endMs } = span;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
    throw new RangeError(`Not a time span: ${startMs}–${endMs} ms`);
  }
  const startFrame = Math.min(format.frames, Math.max(0, Math.floor((startMs * format.sampleRate) / 1000)));
  const endFrame = Math.min(format.frames, Math.max(startFrame, Math.ceil((endMs * format.sampleRate) / 1000)));
  return { startFrame, endFrame };
}

/**
 * The file byte ranges [start, end) to silence for `spans`, sorted and merged. A span reaching the last whole
 * frame also covers a trailing partial frame, so no sample byte after a flagged word's start survives.
 */
export function silencedByteRanges(format: WavFormat, spans: readonly AudioSpan[]): { start: number; end: number }[] {
  const ranges = spans
    .map((span) => spanFrames(format, span))
    .filter(({ startFrame, endFrame }) => endFrame > startFrame)
    .map(({ startFrame, endFrame }) => ({
      start: format.dataOffset + startFrame * format.blockAlign,
      end: format.dataOffset + (endFrame === format.frames ? format.dataBytes : endFrame * format.blockAlign),
    }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The byte every sample byte becomes when silenced: 0 for signed 16-bit, the midpoint 128 for unsigned 8-bit. */
export function silenceByte(format: WavFormat): number {
  return format.bitsPerSample === 8 ? 128 : 0;
}
