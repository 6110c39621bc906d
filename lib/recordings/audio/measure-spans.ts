import { asBuffer, type AudioInput, type AudioSpan } from "./audio-input";
import { SpanMeter, type SpanMeasure } from "./span-meter";
import type { WavFormat } from "./wav-format";

/**
 * How loud each span of a WAV file is (normalized rms and peak, 0–1, over every channel), reading the whole
 * file as a stream in constant memory. After silenceSpans every span measures exactly 0.
 */
export async function measureSpans(
  input: AudioInput,
  format: WavFormat,
  spans: readonly AudioSpan[],
): Promise<SpanMeasure[]> {
  const meter = new SpanMeter(format, spans);
  for await (const chunk of input as AsyncIterable<Uint8Array>) meter.push(asBuffer(chunk));
  return meter.result();
}
