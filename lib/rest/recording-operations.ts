import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { DEFAULT_URL_SECONDS, MAX_URL_SECONDS } from "@/lib/recordings/access/url-limits";
import {
  ZListRecordingsQuery,
  ZRecordingDetail,
  ZRecordingSource,
  ZRecordingUrl,
  ZRecordingView,
} from "@/lib/recordings/recording-schemas";
import { UPLOAD_LIMITS } from "@/lib/recordings/upload-limits";

const TAG = "Recordings";
const MB = 1024 * 1024;
const ZRecordingIdParams = z.object({ id: z.uuid("Not a recording id.") }).strict();

/**
 * Call recordings over REST (issue 21): upload (redacted in three layers before it can be played), list, read
 * (status, redacted transcript, validation on record), time-limited audio URLs, and deletion by source.
 */
export const RECORDING_OPERATIONS = {
  uploadRecording: {
    operationId: "uploadRecording",
    method: "POST",
    path: "/recordings",
    tag: TAG,
    summary: "Upload a call recording (WAV) with its transcript: stored locked until PCI redaction validates",
    description:
      "multipart/form-data, streamed: `audio` (WAV PCM 8/16-bit, mono or stereo, any common sample rate; " +
      `at most ${UPLOAD_LIMITS.audioBytes / MB} MB), \`transcript\` (JSON with word-level timestamps: Verity's ` +
      "{words:[{text,startMs,endMs}]}, OpenAI Whisper verbose_json, Deepgram, AWS Transcribe or Google " +
      `Speech-to-Text; at most ${UPLOAD_LIMITS.transcriptBytes / MB} MB), \`source\` (the integration or campaign) ` +
      "and an optional `title`. Answers 201 with status processing; redaction runs next (layer 1 detector, layer 2 " +
      "patterns, layer 3 silencing of the padded spans in every channel) and its validation is recorded " +
      "(recording.redacted or recording.redaction_failed). 415 for another audio format, 413 over a limit.",
    permission: "recordings.write",
    multipart: {
      maxBytes: UPLOAD_LIMITS.audioBytes + UPLOAD_LIMITS.transcriptBytes,
      parts: {
        audio: { description: "The recording, WAV PCM 8/16-bit", binary: true, required: true },
        transcript: { description: "The transcript, JSON with word-level timestamps", binary: true, required: true },
        source: { description: "The integration or campaign it came from (deletion is by source)", required: true },
        title: { description: "A title for the list (optional)" },
      },
    },
    response: ZRecordingView,
    status: 201,
  },
  listRecordings: {
    operationId: "listRecordings",
    method: "GET",
    path: "/recordings",
    tag: TAG,
    summary: "The organization's recordings, newest first, by status or source, with cursor pagination",
    permission: "recordings.read",
    query: ZListRecordingsQuery,
    response: z.object({ data: z.array(ZRecordingView), nextCursor: z.string().nullable() }),
    status: 200,
  },
  getRecording: {
    operationId: "getRecording",
    method: "GET",
    path: "/recordings/{id}",
    tag: TAG,
    summary: "A recording: its status, the redacted transcript (once validated) and the validation report",
    description: "The report holds times, counts and hashes only, never the words that were redacted.",
    permission: "recordings.read",
    params: ZRecordingIdParams,
    response: ZRecordingDetail,
    status: 200,
  },
  issueRecordingUrl: {
    operationId: "issueRecordingUrl",
    method: "POST",
    path: "/recordings/{id}/url",
    tag: TAG,
    summary: `A time-limited URL to the redacted audio (default ${DEFAULT_URL_SECONDS / 60} minutes)`,
    description:
      "S3 presigned where recordings are in S3, else a signed Verity URL. Only for a redacted recording (409 while " +
      "processing or after a failed redaction). Every URL issued is recorded as recording.accessed. Not available " +
      "in support mode.",
    permission: "recordings.read",
    params: ZRecordingIdParams,
    body: z
      .object({ expiresInSeconds: z.number().int().min(1).max(MAX_URL_SECONDS).optional() })
      .strict()
      .default({}),
    response: ZRecordingUrl,
    status: 200,
  },
  deleteRecordingsBySource: {
    operationId: "deleteRecordingsBySource",
    method: "DELETE",
    path: "/recordings",
    tag: TAG,
    summary: "Delete every recording of one source, with its audio and transcript in storage",
    description:
      "One recordings.deleted entry with the count. An active legal hold over the organization, the recordings' " +
      "dates or entries about them blocks it with 409; a source without recordings is a 404.",
    permission: "recordings.manage",
    query: z.object({ source: ZRecordingSource }).strict(),
    response: z.object({ source: z.string(), count: z.number().int() }),
    status: 200,
  },
  retryRecordingRedaction: {
    operationId: "retryRecordingRedaction",
    method: "POST",
    path: "/recordings/{id}/redaction",
    tag: TAG,
    summary: "Run a failed redaction again: the recording goes back to processing (still locked)",
    description:
      "Only for a recording whose redaction failed (409 otherwise). Recorded as recording.redaction_retried; the " +
      "worker runs the three layers over it within seconds, and the outcome is recorded as after an upload " +
      "(recording.redacted, or recording.redaction_failed with a new security alert).",
    permission: "recordings.manage",
    params: ZRecordingIdParams,
    body: z.object({}).strict().default({}),
    response: ZRecordingView,
    status: 200,
  },
  destroyRecording: {
    operationId: "destroyRecording",
    method: "DELETE",
    path: "/recordings/{id}",
    tag: TAG,
    summary: "Destroy one recording: its audio and transcript in storage, its validations and its row",
    description:
      "Objects are destroyed (the directory store overwrites them; S3 loses every version). Recorded as " +
      "recording.destroyed. An active legal hold that covers the recording blocks it with 409. A recording whose " +
      "redaction failed is destroyed by Verity itself once VERITY_RECORDING_FAILED_RETENTION_DAYS (default 7) have " +
      "passed since the failure, unless a legal hold covers it.",
    permission: "recordings.manage",
    params: ZRecordingIdParams,
    response: z.object({ id: z.string(), destroyed: z.literal(true) }),
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
