import { withApiKey } from "@/lib/guard/with-api-key";
import { deleteRecordingsBySource } from "@/lib/recordings/delete-recordings-by-source";
import { listRecordings } from "@/lib/recordings/list-recordings";
import { scheduleRedaction } from "@/lib/recordings/pipeline/schedule-redaction";
import { uploadRecording } from "@/lib/recordings/upload-recording";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

// Uploads stream through busboy on Node's runtime (never the edge).
export const runtime = "nodejs";

export const GET = withApiKey(API_OPERATIONS.listRecordings, ({ ctx, db, query }) => listRecordings(db, ctx, query));

export const POST = withApiKey(API_OPERATIONS.uploadRecording, async ({ ctx, db, request }) => {
  const recording = await uploadRecording(db, ctx, {
    contentType: request.headers.get("content-type"),
    body: request.body,
  });
  // Redaction runs after the answer, in this process; the worker picks up any left processing by a crash.
  scheduleRedaction({ orgId: ctx.org.id, recordingId: recording.id });
  return recording;
});

export const DELETE = withApiKey(API_OPERATIONS.deleteRecordingsBySource, ({ ctx, tx, query }) =>
  deleteRecordingsBySource(tx, ctx, { source: query.source }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH } = refuseOtherMethods("GET", "POST", "DELETE");
