import { incomingRequest } from "@/lib/guard/incoming-request";
import { registerEntryPoint } from "@/lib/guard/registry";
import { answerRoute } from "@/lib/guard/route-answer";
import { getDb } from "@/lib/db/client";
import { serveSignedAudio, ZSignedAudioQuery } from "@/lib/recordings/access/serve-signed-audio";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const runtime = "nodejs";

/**
 * A recording's audio behind a signed, expiring URL (issued by POST /api/v1/recordings/{id}/url where recordings
 * are in the directory store). The URL is the credential: no session, no key; its issue is the audit entry.
 */
export async function GET(request: Request): Promise<Response> {
  const { context } = incomingRequest(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return answerRoute(context, () => serveSignedAudio(getDb(), query));
}

registerEntryPoint({
  kind: "route",
  name: "recordingAudio",
  permission: null,
  inputs: { query: ZSignedAudioQuery },
  handle: GET,
});

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
