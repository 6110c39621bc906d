import "server-only";
import type { PciDetector, Span } from "../detect";
import type { Transcript } from "../transcript";
import { atStage, RedactionFailure } from "./redaction-failure";

/** How long layer 1 may take before the redaction fails closed (a detector that never answers). */
export const DETECTOR_DEADLINE_MS = 120_000;

export type LayerFindings = { layer1: Span[]; layer2: Span[] };

/**
 * Layer 1 (the detector), then layer 2 (patterns) whatever layer 1 found. Any error, timeout or malformed answer
 * of either is a RedactionFailure: no layer's failure is ever read as "nothing found".
 */
export async function runLayers(
  transcript: Transcript,
  detector: PciDetector,
  patterns: (t: Transcript) => Span[],
): Promise<LayerFindings> {
  const layer1 = await atStage("layer1", "The layer-1 detector failed", async () => {
    const deadline = AbortSignal.timeout(DETECTOR_DEADLINE_MS);
    const timedOut = new Promise<never>((_, reject) =>
      deadline.addEventListener("abort", () => reject(new Error("timeout")), { once: true }),
    );
    return Promise.race([detector.detect(transcript, { signal: deadline }), timedOut]);
  });
  if (!Array.isArray(layer1) || !layer1.every(isSpan))
    throw new RedactionFailure("layer1", "The layer-1 detector answered something that is not a list of spans");
  const layer2 = await atStage("layer2", "The layer-2 pattern pass failed", () => patterns(transcript));
  if (!Array.isArray(layer2) || !layer2.every(isSpan))
    throw new RedactionFailure("layer2", "The layer-2 pattern pass answered something that is not a list of spans");
  return { layer1, layer2 };
}

function isSpan(span: Span): boolean {
  return (
    typeof span === "object" &&
    span !== null &&
    Number.isFinite(span.startMs) &&
    Number.isFinite(span.endMs) &&
    span.endMs >= span.startMs
  );
}
