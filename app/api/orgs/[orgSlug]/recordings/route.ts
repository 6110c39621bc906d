import { withOrgUpload } from "@/lib/guard/with-org-upload";
import { scheduleRedaction } from "@/lib/recordings/pipeline/schedule-redaction";
import { uploadRecording } from "@/lib/recordings/upload-recording";
import { getDb } from "@/lib/db/client";

/**
 * The panel's upload (multipart: `audio`, `transcript`, `source`, `title`), with the session: the same service as
 * POST /api/v1/recordings. It answers 201 with the recording, "processing", and redaction runs after the answer;
 * 400 (fields, transcript shape), 413 (over a stated limit, found while streaming) and 415 (not WAV PCM) otherwise.
 */
export const POST = withOrgUpload(
  { name: "recordings.upload", permission: "recordings.write" },
  async ({ ctx, upload }) => {
    const recording = await uploadRecording(getDb(), ctx, upload);
    scheduleRedaction({ orgId: ctx.org.id, recordingId: recording.id });
    return Response.json(recording, { status: 201 });
  },
);
