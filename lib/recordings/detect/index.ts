import type { Transcript } from "../transcript/types";
import type { OpenAiCompatibleDetectorOptions, PciDetector, Span, TimeRange } from "./types";

export type { OpenAiCompatibleDetectorOptions, PciDetector, Span, SpanKind, TimeRange } from "./types";

const notYet = (): never => {
  throw new Error("not yet");
};

/** Layer 1, offline: context words and a spoken-number parser. */
export const localDetector: PciDetector = { id: "local", version: "0", detect: async () => notYet() };

/** Layer 1 via an OpenAI-compatible chat-completions endpoint; any error, timeout or invalid answer throws. */
export function openAiCompatibleDetector(options: OpenAiCompatibleDetectorOptions): PciDetector {
  void options;
  return notYet();
}

/** VERITY_PCI_DETECTOR_URL (+ _API_KEY, _MODEL, _TIMEOUT_MS) selects the LLM detector; otherwise the local one. */
export function detectorFromEnv(env: Record<string, string | undefined>): PciDetector {
  void env;
  return notYet();
}

export const PATTERN_VERSION = "0";

/** Layer 2: deterministic patterns (Luhn + IIN ranges, CVV and expiry near card context). */
export function patternSpans(t: Transcript): Span[] {
  void t;
  return notYet();
}

/** The union of the spans' time ranges, each padded by paddingMs and clamped to [0, durationMs]. */
export function mergeSpans(spans: Span[], paddingMs = 250, durationMs?: number): TimeRange[] {
  void [spans, paddingMs, durationMs];
  return notYet();
}

/** A copy of the transcript where each word inside a span reads "[redacted]". */
export function redactTranscript(t: Transcript, spans: Span[]): Transcript {
  void [t, spans];
  return notYet();
}
