import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { InvalidAudioError, UnsupportedAudioError } from "./audio";
import { resolveDeps, type RecordingDeps } from "./recording-deps";
import { ZRecordingSource, ZRecordingTitle, type TRecordingView } from "./recording-schemas";
import { recordingView } from "./recording-view";
import { recordingTarget } from "./recording-target";
import { recordingObjectKey } from "./store/recording-store";
import { parseTranscriptUpload } from "./transcript";
import { UPLOAD_LIMITS, type UploadLimits } from "./upload-limits";
import { readUploadParts } from "./upload/read-upload-parts";

export { UPLOAD_LIMITS, type UploadLimits } from "./upload-limits";

export type UploadInput = {
  /** The request's Content-Type (multipart/form-data with its boundary). */
  contentType: string | null;
  /** The request body, streamed: parts `audio` (WAV) and `transcript` (JSON), fields `source` and `title`. */
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
};

/** rec-audio's refusals as the one error type: 415 for another format, 400 for a broken WAV. */
function audioRefusal(error: unknown): unknown {
  if (error instanceof UnsupportedAudioError) return new AppError("unsupported_media_type", error.message);
  if (error instanceof InvalidAudioError)
    return new AppError("invalid_input", error.message, { audio: [error.message] });
  return error;
}

function parseTranscript(text: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The transcript is not JSON.", { transcript: ["Not JSON."] });
  }
  try {
    return parseTranscriptUpload(raw);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const detail = error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "transcript"}: ${issue.message}`);
    throw new AppError("invalid_input", "The transcript is not in an accepted shape (word-level timestamps).", {
      transcript: detail,
    });
  }
}

/**
 * Stores an uploaded recording as "processing" (locked: not playable until redaction validates) with a
 * recording.uploaded entry. It opens its own transaction (the upload is streamed to storage first, outside any
 * transaction). Redaction is not run here: call scheduleRedaction (the route does) or redactRecording.
 * 400 bad transcript or fields, 413 over a limit, 415 audio that is not WAV PCM 8/16-bit.
 */
export async function uploadRecording(
  db: Db,
  ctx: OrgContext,
  input: UploadInput,
  deps: RecordingDeps & { limits?: UploadLimits } = {},
): Promise<TRecordingView> {
  const { store, now } = await resolveDeps(deps);
  const parts = await readUploadParts(input.contentType, input.body, deps.limits ?? UPLOAD_LIMITS).catch((error) => {
    throw audioRefusal(error);
  });
  const { audio } = parts;
  const keys: string[] = [];
  try {
    const source = ZRecordingSource.safeParse(parts.fields.source ?? "");
    const title = ZRecordingTitle.safeParse(parts.fields.title ?? "");
    if (!source.success)
      throw AppError.fromZod(new ZodError(source.error.issues.map((i) => ({ ...i, path: ["source"] }))));
    if (!title.success)
      throw AppError.fromZod(new ZodError(title.error.issues.map((i) => ({ ...i, path: ["title"] }))));
    const transcript = parseTranscript(parts.transcriptText);
    const id = randomUUID();
    const audioKey = recordingObjectKey(ctx.org.id, id, "audio", now());
    const transcriptKey = recordingObjectKey(ctx.org.id, id, "transcript", now());
    keys.push(audioKey, transcriptKey);
    await store.putFile(audioKey, audio.file);
    await store.putText(transcriptKey, JSON.stringify(transcript));
    const { format } = audio;
    const durationMs = Math.round(format.durationMs);
    const row = await db.$transaction(async (tx) => {
      const created = await tx.recording.create({
        data: {
          id,
          orgId: ctx.org.id,
          source: source.data,
          title: title.data,
          status: "processing",
          audioObjectKey: audioKey,
          transcriptObjectKey: transcriptKey,
          sampleRate: format.sampleRate,
          channels: format.channels,
          bitsPerSample: format.bitsPerSample,
          durationMs,
          sizeBytes: BigInt(audio.bytes),
          uploadedAt: now(),
          uploadedBy: ctx.principal.email,
        },
      });
      await appendAuditEntry(tx, {
        ...auditedBy(ctx),
        action: "recording.uploaded",
        target: recordingTarget(created),
        metadata: {
          source: created.source,
          title: created.title,
          sampleRate: format.sampleRate,
          channels: format.channels,
          bitsPerSample: format.bitsPerSample,
          durationMs,
          sizeBytes: audio.bytes,
          transcriptWords: transcript.words.length,
        },
      });
      return created;
    });
    keys.length = 0;
    return recordingView(row);
  } finally {
    await audio.remove();
    // Nothing recorded: what reached the store goes (it may hold card data).
    for (const key of keys) await store.destroy(key).catch(() => {});
  }
}
