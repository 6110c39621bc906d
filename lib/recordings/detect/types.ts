import type { Transcript } from "../transcript/types";

export type SpanKind = "card_number" | "cvv" | "expiry";

/** A stretch of the recording holding cardholder data, by time and by word index (inclusive). */
export type Span = {
  startMs: number;
  endMs: number;
  kind: SpanKind;
  layer: 1 | 2;
  firstWord: number;
  lastWord: number;
};

/** Layer 1: a detector that reads the transcript with its timestamps and flags spans. Errors throw (fail closed). */
export interface PciDetector {
  id: string;
  version: string;
  detect(t: Transcript, opts?: { signal?: AbortSignal }): Promise<Span[]>;
}

export type OpenAiCompatibleDetectorOptions = { url: string; apiKey?: string; model: string; timeoutMs: number };

/** A time range to silence. */
export type TimeRange = { startMs: number; endMs: number };
