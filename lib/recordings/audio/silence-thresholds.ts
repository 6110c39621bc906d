import type { SpanMeasure } from "./span-meter";

/**
 * The validation on record's test of a silenced span. silenceSpans writes exact digital silence (0 for 16-bit,
 * 128 for 8-bit), so the only acceptable peak is exactly 0: a single sample off silence fails, which is what
 * catches an off-by-one frame, a missed channel or a re-encoded file.
 */
export const PEAK_THRESHOLD = 0;
/**
 * The "RMS below a threshold": −60 dBFS. A zero peak already implies a zero RMS; the RMS check stays as
 * a second, independent reading should the peak rule ever be relaxed (for a codec that dithers silence).
 */
export const RMS_THRESHOLD = 0.001;

/** True when a measured span passes the validation: peak ≤ PEAK_THRESHOLD and rms ≤ RMS_THRESHOLD. */
export function isSilenced(measure: SpanMeasure): boolean {
  return measure.peak <= PEAK_THRESHOLD && measure.rms <= RMS_THRESHOLD;
}
