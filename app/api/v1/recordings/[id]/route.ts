import { auditedBy } from "@/lib/context";
import { withApiKey } from "@/lib/guard/with-api-key";
import { getRecording } from "@/lib/recordings/get-recording";
import { destroyRecording } from "@/lib/recordings/sweep/destroy-recording";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getRecording, ({ ctx, db, params }) =>
  getRecording(db, ctx, { id: params.id }),
);

export const DELETE = withApiKey(API_OPERATIONS.destroyRecording, ({ ctx, tx, params }) =>
  destroyRecording(tx, auditedBy(ctx), { id: params.id, reason: "requested" }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH } = refuseOtherMethods("GET", "DELETE");
