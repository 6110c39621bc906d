import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { resolveDeps, type RecordingDeps } from "../recording-deps";
import { signatureMatches } from "./recording-url-signature";

export const ZSignedAudioQuery = z
  .object({
    recording: z.uuid(),
    org: z.uuid(),
    expires: z.coerce.number().int().positive().max(99_999_999_999),
    signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  })
  .strict();

// One answer for every refusal: a stranger learns nothing about which part was wrong.
const refused = () => new AppError("forbidden", "This recording link is invalid or has expired: ask for a new one.");

/**
 * The directory store's signed URL, served: the signature (HMAC over the recording, its organization, the exact
 * audio object and the expiry) and the expiry are checked (the expiry before the database is read); the recording must
 * still be redacted with that same object (a re-redaction or a deletion voids older links). Streams the audio.
 */
export async function serveSignedAudio(
  db: Db,
  rawQuery: Record<string, string>,
  deps: RecordingDeps = {},
): Promise<Response> {
  const query = ZSignedAudioQuery.safeParse(rawQuery);
  if (!query.success) throw refused();
  const { recording: recordingId, org: orgId, expires, signature } = query.data;
  const { store, now } = await resolveDeps(deps);
  if (expires * 1000 <= now().getTime()) throw refused();
  const recording = await db.recording.findFirst({
    where: { id: recordingId, orgId, status: "redacted" },
    select: { audioObjectKey: true, sizeBytes: true },
  });
  if (!recording) throw refused();
  if (!signatureMatches({ orgId, recordingId, objectKey: recording.audioObjectKey, expires }, signature))
    throw refused();
  const body = await store.read(recording.audioObjectKey);
  if (!body) throw new AppError("not_found", "The recording's audio is not in storage.");
  return new Response(Readable.toWeb(Readable.from(body)) as ReadableStream, {
    headers: {
      "content-type": "audio/wav",
      "content-disposition": `inline; filename="recording-${recordingId}.wav"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
