import type { Span, TimeRange } from "./types";

/**
 * The time ranges to silence: every span padded by `paddingMs` on both sides, clamped to [0, durationMs], and
 * overlapping or touching ranges joined. Sorted by start.
 */
export function mergeSpans(spans: readonly Span[], paddingMs = 250, durationMs?: number): TimeRange[] {
  if (!Number.isFinite(paddingMs) || paddingMs < 0) throw new RangeError("paddingMs must be a non-negative number");
  const end = durationMs ?? Infinity;
  const padded = spans
    .map((s) => ({ startMs: Math.max(0, s.startMs - paddingMs), endMs: Math.min(end, s.endMs + paddingMs) }))
    .filter((r) => r.endMs > r.startMs || (r.endMs === r.startMs && r.startMs < end))
    .sort((a, b) => a.startMs - b.startMs);
  const out: TimeRange[] = [];
  for (const range of padded) {
    const last = out.at(-1);
    if (last && range.startMs <= last.endMs) last.endMs = Math.max(last.endMs, range.endMs);
    else out.push({ ...range });
  }
  return out;
}
