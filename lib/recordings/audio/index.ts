/**
 * Layer 3 of PCI redaction (issue 21): silencing flagged spans of a WAV PCM recording, and measuring them
 * afterwards for the validation on record. Pure streaming code: no database, no whole file in memory.
 *
 * The pipeline: readWavFormatOfFile / readWavFormatFromStream (415/400 on anything but 8/16-bit PCM WAV) →
 * silenceSpans (original → redacted file) → readWavFormat again on the redacted file → validateSilence
 * (measures + SHA-256; passed only if every span's peak is exactly 0).
 */
export { InvalidAudioError, UnsupportedAudioError } from "./audio-errors";
export type { AudioInput, AudioSpan } from "./audio-input";
export { measureSpans } from "./measure-spans";
export { MAX_WAV_HEADER_BYTES, readWavFormatOfFile } from "./read-wav-format-of-file";
export { readWavFormatFromStream } from "./read-wav-format-from-stream";
export { sha256OfStream } from "./sha256-of-stream";
export { silenceSpans } from "./silence-spans";
export { isSilenced, PEAK_THRESHOLD, RMS_THRESHOLD } from "./silence-thresholds";
export { silenceByte, spanFrames, type FrameRange } from "./span-frames";
export type { SpanMeasure } from "./span-meter";
export { validateSilence, type SilenceValidation } from "./validate-silence";
export { readWavFormat, WAV_HEAD_BYTES, type WavFormat } from "./wav-format";
