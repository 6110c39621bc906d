import { z } from "zod";

/**
 * The call recordings' audit events (spread into lib/audit/event-catalog.ts). Never card data: spans are counted,
 * never quoted; hashes are of what remains after redaction; reasons are Verity's own words, never the detector's.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Which detector and pattern set ran: `{ layer1: "local-1", layer2: "patterns-3" }`. */
const detectorVersions = z.record(z.string(), z.string());
/** The stage a redaction failed at (fail closed: the recording stays locked). */
export const REDACTION_STAGES = ["read", "layer1", "layer2", "silence", "store", "validation"] as const;

export const RECORDING_EVENTS = {
  /** A recording and its transcript were stored, locked ("processing") until redaction validates. */
  "recording.uploaded": {
    category: "compliance",
    metadata: z
      .object({
        source: z.string(),
        title: z.string(),
        sampleRate: z.number().int(),
        channels: z.number().int(),
        bitsPerSample: z.number().int(),
        durationMs: z.number().int(),
        sizeBytes: z.number().int(),
        transcriptWords: z.number().int(),
      })
      .strict(),
  },
  /** Redaction ran and validated: the recording is playable. */
  "recording.redacted": {
    category: "compliance",
    metadata: z
      .object({
        validationId: z.string(),
        layer1Spans: z.number().int(),
        layer2Spans: z.number().int(),
        silencedSpans: z.number().int(),
        audioSha256: sha256,
        transcriptSha256: sha256,
        detectorVersions,
        /** The bulk re-redaction this run belongs to (absent: the redaction after upload). */
        bulkJobId: z.string().optional(),
      })
      .strict(),
  },
  /** Redaction or its validation failed: the recording stays locked, a security alert is raised. */
  "recording.redaction_failed": {
    category: "compliance",
    metadata: z
      .object({
        validationId: z.string(),
        stage: z.enum(REDACTION_STAGES),
        reason: z.string().max(300),
        layer1Spans: z.number().int().optional(),
        layer2Spans: z.number().int().optional(),
        silencedSpans: z.number().int().optional(),
        detectorVersions,
        bulkJobId: z.string().optional(),
      })
      .strict(),
  },
  /** A time-limited URL to the redacted audio was issued. */
  "recording.accessed": {
    category: "compliance",
    metadata: z
      .object({
        via: z.enum(["s3_presigned", "signed_url"]),
        expiresAt: z.string(),
        audioSha256: sha256.nullable(),
      })
      .strict(),
  },
  /** Every recording of one source was deleted, objects removed from storage. */
  "recordings.deleted": {
    category: "compliance",
    metadata: z.object({ source: z.string(), count: z.number().int(), objectsRemoved: z.number().int() }).strict(),
  },
  /** An admin asked for a failed redaction to run again: the recording is processing (locked) until it validates. */
  "recording.redaction_retried": {
    category: "compliance",
    metadata: z.object({ previousFailure: z.string().max(300) }).strict(),
  },
  /**
   * One recording destroyed with its objects (overwritten / every S3 version): by an admin ("requested"), or by
   * Verity when a failed redaction stayed unresolved past VERITY_RECORDING_FAILED_RETENTION_DAYS.
   */
  "recording.destroyed": {
    category: "compliance",
    metadata: z
      .object({
        reason: z.enum(["requested", "failed_redaction_expired"]),
        status: z.string(),
        source: z.string(),
        objectsRemoved: z.number().int(),
        retentionDays: z.number().int().optional(),
      })
      .strict(),
  },
  /**
   * The sweeper destroyed objects of a recording that should have been gone: "superseded" (an original whose
   * redaction was committed but whose destruction never ran, or what a run left unrecorded), "not_on_record" (an
   * upload abandoned before it was recorded, a recording deleted while its objects were going).
   */
  "recording.objects_swept": {
    category: "compliance",
    metadata: z
      .object({
        reason: z.enum(["superseded", "not_on_record"]),
        objectsDestroyed: z.number().int(),
        kinds: z.array(z.enum(["audio", "transcript", "other"])),
      })
      .strict(),
  },
  "recordings.bulk_redaction_started": {
    category: "compliance",
    metadata: z.object({ jobId: z.string(), since: z.string().nullable(), total: z.number().int() }).strict(),
  },
  "recordings.bulk_redaction_finished": {
    category: "compliance",
    metadata: z
      .object({ jobId: z.string(), total: z.number().int(), done: z.number().int(), failed: z.number().int() })
      .strict(),
  },
} as const;
