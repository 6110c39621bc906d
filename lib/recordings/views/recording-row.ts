import { RECORDING_STATUSES, type TRecordingRow, type TRecordingStatus } from "./recording-view-schemas";

export type RecordingRowSource = {
  id: string;
  title: string;
  source: string;
  status: string;
  durationMs: number;
  sizeBytes: bigint;
  uploadedAt: Date;
  uploadedBy: string;
  redactedAt: Date | null;
};

/** A status the screen does not know reads as "failed": a locked recording is never shown as playable. */
export function recordingStatus(status: string): TRecordingStatus {
  return (RECORDING_STATUSES as readonly string[]).includes(status) ? (status as TRecordingStatus) : "failed";
}

export function recordingRow(row: RecordingRowSource): TRecordingRow {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    status: recordingStatus(row.status),
    durationMs: row.durationMs,
    sizeBytes: Number(row.sizeBytes),
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedBy: row.uploadedBy,
    redactedAt: row.redactedAt?.toISOString() ?? null,
  };
}

export const RECORDING_ROW_SELECT = {
  id: true,
  title: true,
  source: true,
  status: true,
  durationMs: true,
  sizeBytes: true,
  uploadedAt: true,
  uploadedBy: true,
  redactedAt: true,
} as const;
