import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { RecordingDeps } from "../recording-deps";
import type { TRecordingUrl } from "../recording-schemas";

export const DEFAULT_URL_SECONDS = 5 * 60;

/**
 * A time-limited URL to a redacted recording's audio (default 5 minutes): S3 presigned, or an HMAC-signed Verity
 * URL for the directory store. Only for status "redacted" (409 otherwise); every URL issued is a recording.accessed
 * entry in the caller's transaction. Another organization's id is a 404.
 */
export async function issueRecordingUrl(
  tx: Tx,
  ctx: OrgContext,
  input: { id: string; expiresInSeconds?: number },
  deps: RecordingDeps = {},
): Promise<TRecordingUrl> {
  void tx;
  void ctx;
  void input;
  void deps;
  throw new Error("issueRecordingUrl: not implemented yet");
}
