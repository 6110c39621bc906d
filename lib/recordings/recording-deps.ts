import "server-only";
import { z } from "zod";
import { detectorFromEnv, patternSpans, PATTERN_VERSION, type PciDetector, type Span } from "./detect";
import type { Transcript } from "./transcript";
import { openRecordingStore, type RecordingStore } from "./store/recording-store";

/**
 * What the recording services reach beyond the database: the object store, the layer-1 detector, the layer-2
 * pattern pass and the environment (VERITY_PCI_DETECTOR_URL, VERITY_PCI_PADDING_MS). Tests hand in their own;
 * the app opens the configured ones.
 */
export type RecordingDeps = {
  store?: RecordingStore;
  detector?: PciDetector;
  /** Layer 2 (default: rec-detect's patternSpans at PATTERN_VERSION). */
  patterns?: { version: string; spans: (t: Transcript) => Span[] };
  env?: Record<string, string | undefined>;
  now?: () => Date;
};

const ZPadding = z.coerce.number().int().min(0).max(5_000).default(250);

export async function resolveDeps(deps: RecordingDeps = {}) {
  const env = deps.env ?? process.env;
  const padding = ZPadding.safeParse(env.VERITY_PCI_PADDING_MS || undefined);
  if (!padding.success) throw new Error("VERITY_PCI_PADDING_MS: a whole number of milliseconds from 0 to 5000");
  return {
    store: deps.store ?? (await openRecordingStore(env)),
    env,
    now: deps.now ?? (() => new Date()),
    paddingMs: padding.data,
    detector: () => deps.detector ?? detectorFromEnv(env),
    patterns: deps.patterns ?? { version: PATTERN_VERSION, spans: patternSpans },
  };
}
