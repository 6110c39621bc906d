import { createHash } from "node:crypto";
import { asBuffer, type AudioInput, type AudioSpan } from "./audio-input";
import { isSilenced } from "./silence-thresholds";
import { SpanMeter, type SpanMeasure } from "./span-meter";
import type { WavFormat } from "./wav-format";

export type SilenceValidation = {
  /** SHA-256 (hex) of the whole redacted file, as stored. */
  sha256: string;
  spans: SpanMeasure[];
  /** Every span is silent (isSilenced). A span wholly outside the audio measures 0 frames and passes: nothing to hear. */
  passed: boolean;
  /** The loudest span's peak (0 when passed), for the record; never any sample values. */
  loudestPeak: number;
};

/**
 * One pass over a redacted WAV file for the validation on record: each flagged span's measure and the file's
 * SHA-256, read in constant memory. Give it the format read again from the redacted file itself.
 */
export async function validateSilence(
  input: AudioInput,
  format: WavFormat,
  spans: readonly AudioSpan[],
): Promise<SilenceValidation> {
  const meter = new SpanMeter(format, spans);
  const hash = createHash("sha256");
  for await (const raw of input as AsyncIterable<Uint8Array>) {
    const chunk = asBuffer(raw);
    hash.update(chunk);
    meter.push(chunk);
  }
  const measures = meter.result();
  return {
    sha256: hash.digest("hex"),
    spans: measures,
    passed: measures.every(isSilenced),
    loudestPeak: Math.max(0, ...measures.map((measure) => measure.peak)),
  };
}
