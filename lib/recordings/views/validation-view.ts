import { z } from "zod";
import type { TSilencedSpan, TValidationView } from "./recording-view-schemas";

type ValidationRow = {
  id: string;
  passed: boolean;
  layer1Spans: number;
  layer2Spans: number;
  silencedSpans: number;
  audioSha256: string | null;
  transcriptSha256: string | null;
  detectorVersions: unknown;
  report: unknown;
  createdAt: Date;
};

const ZVersions = z.record(z.string(), z.union([z.string(), z.number()]));
const ZRange = z.looseObject({ startMs: z.number(), endMs: z.number() });
const ZFlagged = ZRange.extend({ kind: z.string().optional(), layer: z.union([z.string(), z.number()]).optional() });
const ZMeasure = ZRange.extend({ rms: z.number().optional(), peak: z.number().optional() });
const count = z.union([z.number(), z.array(z.unknown()).transform((list) => list.length)]).nullish();
// The pipeline's report (lib/recordings/pipeline/redact-recording.ts): flagged spans, silenced ranges, their
// measures after silencing, what the re-run found, and the problems when it failed.
const ZReport = z.looseObject({
  paddingMs: z.number().optional(),
  spans: z.array(ZFlagged).optional(),
  silenced: z.array(ZRange).optional(),
  measures: z.array(ZMeasure).optional(),
  residual: z.looseObject({ layer1: count, layer2: count }).optional(),
  problems: z.array(z.string()).optional(),
  reason: z.string().optional(),
});
type Report = z.infer<typeof ZReport>;

const layerName = (layer: string | number) => String(layer).replace(/^layer/, "");
const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) =>
  a.startMs < b.endMs && b.startMs < a.endMs;

/** Each silenced range with what the layers flagged inside it and its measure after silencing. */
function silencedOf(report: Report): TSilencedSpan[] {
  const flagged = report.spans ?? [];
  return (report.silenced ?? []).map((range) => {
    const inside = flagged.filter((span) => overlaps(span, range));
    const measure = (report.measures ?? []).find(
      (item) => item.startMs === range.startMs && item.endMs === range.endMs,
    );
    return {
      startMs: range.startMs,
      endMs: range.endMs,
      rms: measure?.rms ?? null,
      peak: measure?.peak ?? null,
      layers: [...new Set(inside.flatMap((span) => (span.layer === undefined ? [] : [layerName(span.layer)])))].sort(),
      kinds: [...new Set(inside.flatMap((span) => (span.kind ? [span.kind] : [])))].sort(),
    };
  });
}

/**
 * A validation on record as the detail screen shows it: counts, hashes, detector versions, silenced ranges. The
 * report is the pipeline's JSON, read without trusting it (a part that does not parse is left out, never a crash).
 */
export function validationView(row: ValidationRow): TValidationView {
  const versions = ZVersions.safeParse(row.detectorVersions);
  const parsed = ZReport.safeParse(row.report);
  const report: Report = parsed.success ? parsed.data : {};
  return {
    id: row.id,
    passed: row.passed,
    layer1Spans: row.layer1Spans,
    layer2Spans: row.layer2Spans,
    silencedSpans: row.silencedSpans,
    audioSha256: row.audioSha256,
    transcriptSha256: row.transcriptSha256,
    detectorVersions: versions.success
      ? Object.fromEntries(Object.entries(versions.data).map(([key, value]) => [key, String(value)]))
      : {},
    silenced: silencedOf(report),
    residual: { layer1: report.residual?.layer1 ?? null, layer2: report.residual?.layer2 ?? null },
    paddingMs: report.paddingMs ?? null,
    problems: report.problems ?? (report.reason ? [report.reason] : []),
    createdAt: row.createdAt.toISOString(),
  };
}
