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
const ZSpan = z.looseObject({
  startMs: z.number(),
  endMs: z.number(),
  rms: z.number().nullish(),
  layers: z.array(z.union([z.string(), z.number()])).optional(),
  layer: z.union([z.string(), z.number()]).optional(),
});
const count = z.union([z.number(), z.array(z.unknown()).transform((list) => list.length)]).nullish();
const ZReport = z.looseObject({
  silenced: z.array(ZSpan).optional(),
  spans: z.array(ZSpan).optional(),
  residual: z.looseObject({ layer1: count, layer2: count }).optional(),
  rmsThreshold: z.number().optional(),
});

/** Whatever part of a span list parses; the report is the service's, so the screen reads it without trusting it. */
function spansOf(report: z.infer<typeof ZReport>): TSilencedSpan[] {
  return (report.silenced ?? report.spans ?? []).map((span) => ({
    startMs: span.startMs,
    endMs: span.endMs,
    rms: span.rms ?? null,
    layers: (span.layers ?? (span.layer !== undefined ? [span.layer] : [])).map(String),
  }));
}

/** A validation on record as the detail screen shows it: counts, hashes, detector versions, silenced spans. */
export function validationView(row: ValidationRow): TValidationView {
  const versions = ZVersions.safeParse(row.detectorVersions);
  const report = ZReport.safeParse(row.report);
  const data = report.success ? report.data : {};
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
    silenced: spansOf(data),
    residual: { layer1: data.residual?.layer1 ?? null, layer2: data.residual?.layer2 ?? null },
    rmsThreshold: data.rmsThreshold ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
