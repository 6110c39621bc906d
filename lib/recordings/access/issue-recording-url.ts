import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { panelUrl } from "@/lib/auth/panel-url";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { findRecording } from "../find-recording";
import { resolveDeps, type RecordingDeps } from "../recording-deps";
import type { TRecordingUrl } from "../recording-schemas";
import { recordingTarget } from "../recording-target";
import { signRecordingUrl } from "./recording-url-signature";
import { DEFAULT_URL_SECONDS, MAX_URL_SECONDS } from "./url-limits";

export { DEFAULT_URL_SECONDS, MAX_URL_SECONDS } from "./url-limits";
/** The route that serves the directory store's signed URLs (app/api/recording-audio/route.ts). */
export const RECORDING_AUDIO_PATH = "/api/recording-audio";

/**
 * A time-limited URL to a redacted recording's audio (default 5 minutes): S3 presigned, or an HMAC-signed Verity
 * URL for the directory store. Only for status "redacted" (409 otherwise: a recording is not playable until its
 * redaction validated); every URL issued is a recording.accessed entry in the caller's transaction. Another
 * organization's id is a 404.
 */
export async function issueRecordingUrl(
  tx: Tx,
  ctx: OrgContext,
  input: { id: string; expiresInSeconds?: number },
  deps: RecordingDeps = {},
): Promise<TRecordingUrl> {
  // Support mode is for looking, not for carrying recordings away (lib/guard/support-access.ts, NOT_IN_SUPPORT).
  if (ctx.support) throw new AppError("forbidden", "Support mode does not include recordings' audio: ask an owner.");
  const { store, now } = await resolveDeps(deps);
  const seconds = input.expiresInSeconds ?? DEFAULT_URL_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_URL_SECONDS)
    throw new AppError("invalid_input", `A URL lasts 1 to ${MAX_URL_SECONDS} seconds.`, {
      expiresInSeconds: [`1 to ${MAX_URL_SECONDS} seconds.`],
    });
  const recording = await findRecording(tx, ctx, input.id);
  if (recording.status !== "redacted")
    throw new AppError(
      "conflict",
      recording.status === "failed"
        ? "This recording's redaction failed: it stays locked."
        : "This recording is still being redacted: it can be played once redaction has validated.",
    );
  const issuedAt = now();
  const expires = Math.floor(issuedAt.getTime() / 1000) + seconds;
  const expiresAt = new Date(expires * 1000).toISOString();
  const fileName = `recording-${recording.id}.wav`;
  const presigned = await store.presignedUrl(recording.audioObjectKey, {
    expiresInSeconds: seconds,
    contentType: "audio/wav",
    fileName,
  });
  const signed = { orgId: ctx.org.id, recordingId: recording.id, objectKey: recording.audioObjectKey, expires };
  const url =
    presigned ??
    panelUrl(
      `${RECORDING_AUDIO_PATH}?${new URLSearchParams({
        recording: recording.id,
        org: ctx.org.id,
        expires: String(expires),
        signature: signRecordingUrl(signed),
      })}`,
    );
  const via = presigned ? ("s3_presigned" as const) : ("signed_url" as const);
  const validation = recording.lastValidationId
    ? await tx.recordingValidation.findFirst({
        where: { id: recording.lastValidationId, orgId: ctx.org.id },
        select: { audioSha256: true },
      })
    : null;
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "recording.accessed",
    target: recordingTarget(recording),
    metadata: { via, expiresAt, audioSha256: validation?.audioSha256 ?? null },
  });
  return { url, expiresAt, via };
}
