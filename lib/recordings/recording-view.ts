import "server-only";
import type { Recording, RecordingValidation } from "@/lib/db/generated/client";
import type { RecordingStatus, TRecordingView, TValidationView } from "./recording-schemas";

/** A row as the API and the panel show it: no storage key leaves here. */
export function recordingView(row: Recording): TRecordingView {
  return {
    id: row.id,
    source: row.source,
    title: row.title,
    status: row.status as RecordingStatus,
    sampleRate: row.sampleRate,
    channels: row.channels,
    bitsPerSample: row.bitsPerSample,
    durationMs: row.durationMs,
    sizeBytes: Number(row.sizeBytes),
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedBy: row.uploadedBy,
    redactedAt: row.redactedAt?.toISOString() ?? null,
    failureReason: row.failureReason,
  };
}

export function validationView(row: RecordingValidation): TValidationView {
  return {
    id: row.id,
    passed: row.passed,
    layer1Spans: row.layer1Spans,
    layer2Spans: row.layer2Spans,
    silencedSpans: row.silencedSpans,
    audioSha256: row.audioSha256,
    transcriptSha256: row.transcriptSha256,
    detectorVersions: row.detectorVersions as Record<string, string>,
    report: row.report as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
