import { withApiKey } from "@/lib/guard/with-api-key";
import { releaseLegalHold } from "@/lib/lifecycle/legal-hold-release";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.releaseLegalHold, ({ ctx, tx, params, body }) =>
  releaseLegalHold(tx, ctx, { holdId: params.holdId, reason: body.reason }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
