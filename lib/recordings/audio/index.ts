/**
 * Layer 3 of PCI redaction (issue 21): silencing flagged spans of a WAV PCM recording, and measuring them
 * afterwards for the validation on record. Pure streaming code: no database, no whole file in memory.
 */
import type { Readable } from "node:stream";

/** What the RIFF header says about a PCM WAV file; offsets and sizes are in bytes from the file's start. */
export type WavFormat = {
  sampleRate: number;
  channels: number;
  bitsPerSample: 8 | 16;
  /** Bytes per frame (one sample of every channel). */
  blockAlign: number;
  /** Where the samples start (the first byte after the data chunk's header). */
  dataOffset: number;
  /** The data chunk's size. */
  dataBytes: number;
  /** Whole frames in the data chunk. */
  frames: number;
  durationMs: number;
};

/** A time range of the recording, in milliseconds from its start. */
export type AudioSpan = { startMs: number; endMs: number };

/** A span's loudness after silencing, normalized to full scale (0–1); `frames` is 0 for a span outside the audio. */
export type SpanMeasure = AudioSpan & { rms: number; peak: number; frames: number };

export type AudioInput = AsyncIterable<Buffer> | Readable;

/** The file is audio Verity cannot process (another format, float or 24-bit samples): the REST layer answers 415. */
export class UnsupportedAudioError extends Error {
  readonly httpStatus = 415;
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedAudioError";
  }
}

/** The file claims to be WAV but its structure is broken (truncated, inconsistent sizes): the REST layer answers 400. */
export class InvalidAudioError extends Error {
  readonly httpStatus = 400;
  constructor(message: string) {
    super(message);
    this.name = "InvalidAudioError";
  }
}

/** Silencing writes exact digital silence, so a silenced span must measure a peak of exactly 0. */
export const PEAK_THRESHOLD = 0;
/** The "RMS below a threshold": −60 dBFS; implied by a zero peak, kept as a second, independent check. */
export const RMS_THRESHOLD = 0.001;

/** Bytes from the file's start that readWavFormat is usually given; larger headers need readWavFormatOfFile. */
export const WAV_HEAD_BYTES = 64 * 1024;

export function readWavFormat(head: Buffer, options?: { fileBytes?: number }): WavFormat {
  void head;
  void options;
  throw new Error("not yet");
}

export async function readWavFormatOfFile(path: string): Promise<WavFormat> {
  void path;
  throw new Error("not yet");
}

/** Streams the whole file through, header and trailing chunks unchanged, every sample inside a span silenced. */
export function silenceSpans(input: AudioInput, format: WavFormat, spans: readonly AudioSpan[]): AsyncIterable<Buffer> {
  void input;
  void format;
  void spans;
  throw new Error("not yet");
}

export async function measureSpans(
  input: AudioInput,
  format: WavFormat,
  spans: readonly AudioSpan[],
): Promise<SpanMeasure[]> {
  void input;
  void format;
  void spans;
  throw new Error("not yet");
}

/** True when a measured span passes the validation: peak ≤ PEAK_THRESHOLD and rms ≤ RMS_THRESHOLD. */
export function isSilenced(measure: SpanMeasure): boolean {
  return measure.peak <= PEAK_THRESHOLD && measure.rms <= RMS_THRESHOLD;
}

export async function sha256OfStream(input: AudioInput): Promise<string> {
  void input;
  throw new Error("not yet");
}

/** One pass over the redacted file for the validation on record: the spans' measures and the file's SHA-256. */
export async function validateSilence(
  input: AudioInput,
  format: WavFormat,
  spans: readonly AudioSpan[],
): Promise<{ sha256: string; spans: SpanMeasure[]; passed: boolean }> {
  void input;
  void format;
  void spans;
  throw new Error("not yet");
}
