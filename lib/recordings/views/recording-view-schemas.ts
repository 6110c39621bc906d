import { z } from "zod";

/** The three states a recording shows: processing, redacted (playable), failed (locked). */
export const RECORDING_STATUSES = ["processing", "redacted", "failed"] as const;
export type TRecordingStatus = (typeof RECORDING_STATUSES)[number];

/** The list screen's filters, from its URL (an unknown status or an over-long source is a 400, not a crash). */
export const ZRecordingFilters = z.object({
  status: z.enum(RECORDING_STATUSES).optional(),
  source: z.string().trim().min(1).max(200).optional(),
});
export type TRecordingFilters = z.infer<typeof ZRecordingFilters>;

export type TRecordingRow = {
  id: string;
  title: string;
  source: string;
  status: TRecordingStatus;
  durationMs: number;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: string;
  redactedAt: string | null;
};

/** One word of a redacted transcript as the screen shows it ("[redacted]" where card data was). */
export type TTranscriptWord = {
  text: string;
  startMs: number;
  endMs: number;
  speaker: string | null;
  redacted: boolean;
};

/** A silenced range (flagged spans padded and merged), what found it, and how loud it is after silencing. */
export type TSilencedSpan = {
  startMs: number;
  endMs: number;
  rms: number | null;
  peak: number | null;
  layers: string[];
  kinds: string[];
};

export type TValidationView = {
  id: string;
  passed: boolean;
  layer1Spans: number;
  layer2Spans: number;
  silencedSpans: number;
  audioSha256: string | null;
  transcriptSha256: string | null;
  detectorVersions: Record<string, string>;
  silenced: TSilencedSpan[];
  /** Findings of the re-run on the redacted transcript (should be none), as counts per layer. */
  residual: { layer1: number | null; layer2: number | null };
  paddingMs: number | null;
  /** The failure's reasons, when it failed (Verity's words, never the transcript's). */
  problems: string[];
  createdAt: string;
};

export type TRecordingDetail = TRecordingRow & {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  failureReason: string | null;
  transcript: TTranscriptWord[] | null;
  validation: TValidationView | null;
  validationCount: number;
};

export type TRedactionJobView = {
  id: string;
  status: "queued" | "running" | "finished" | "failed";
  since: string | null;
  total: number;
  done: number;
  failed: number;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
};

export type TSourceCount = { source: string; count: number };
