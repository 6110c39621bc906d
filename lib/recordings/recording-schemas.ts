import { z } from "zod";

export const RECORDING_STATUSES = ["processing", "redacted", "failed"] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** The integration or campaign a recording came from, named at upload (deletion is by source). */
export const ZRecordingSource = z
  .string()
  .trim()
  .min(1, "Name the source (an integration or a campaign).")
  .max(200)
  .regex(/^[\p{L}\p{N} ._:/@+-]+$/u, "Letters, digits, spaces and . _ : / @ + - only.");
export const ZRecordingTitle = z.string().trim().max(200).default("");

/** A word of the redacted transcript: card data reads "[redacted]". */
export const ZRedactedWord = z.object({ text: z.string(), startMs: z.number(), endMs: z.number() });

/** A recording as lists show it: never a storage key, never an unredacted word. */
export const ZRecordingView = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  status: z.enum(RECORDING_STATUSES),
  sampleRate: z.number().int(),
  channels: z.number().int(),
  bitsPerSample: z.number().int(),
  durationMs: z.number().int(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  redactedAt: z.string().nullable(),
  failureReason: z.string().nullable(),
});
export type TRecordingView = z.infer<typeof ZRecordingView>;

/** One flagged span, by time only (never the words it covered). */
export const ZSpanReport = z.object({ startMs: z.number(), endMs: z.number(), kind: z.string(), layer: z.string() });

/** The validation on record for a redaction run (RecordingValidation), as the detail page and the API show it. */
export const ZValidationView = z.object({
  id: z.string(),
  passed: z.boolean(),
  layer1Spans: z.number().int(),
  layer2Spans: z.number().int(),
  silencedSpans: z.number().int(),
  audioSha256: z.string().nullable(),
  transcriptSha256: z.string().nullable(),
  detectorVersions: z.record(z.string(), z.string()),
  report: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TValidationView = z.infer<typeof ZValidationView>;

export const ZRecordingDetail = ZRecordingView.extend({
  /** Null until redaction validated: a recording is never shown unredacted. */
  redactedTranscript: z.object({ words: z.array(ZRedactedWord) }).nullable(),
  validation: ZValidationView.nullable(),
});
export type TRecordingDetail = z.infer<typeof ZRecordingDetail>;

export const ZListRecordingsQuery = z
  .object({
    status: z.enum(RECORDING_STATUSES).optional(),
    source: ZRecordingSource.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TListRecordingsQuery = z.input<typeof ZListRecordingsQuery>;

export const ZRecordingUrl = z.object({
  url: z.string(),
  expiresAt: z.string(),
  via: z.enum(["s3_presigned", "signed_url"]),
});
export type TRecordingUrl = z.infer<typeof ZRecordingUrl>;

export const ZBulkRedactionJobView = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "finished", "failed"]),
  since: z.string().nullable(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TBulkRedactionJobView = z.infer<typeof ZBulkRedactionJobView>;
