import { withApiKey } from "@/lib/guard/with-api-key";
import { getRecording } from "@/lib/recordings/get-recording";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getRecording, ({ ctx, db, params }) =>
  getRecording(db, ctx, { id: params.id }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
