export type { OpenAiCompatibleDetectorOptions, PciDetector, Span, SpanKind, TimeRange } from "./types";
export { localDetector, localSpans } from "./local-detector";
export { openAiCompatibleDetector, PciDetectorError } from "./openai-compatible-detector";
export { detectorFromEnv } from "./detector-from-env";
export { patternSpans, PATTERN_VERSION } from "./pattern-spans";
export { mergeSpans } from "./merge-spans";
export { redactTranscript, REDACTED_WORD } from "./redact-transcript";
