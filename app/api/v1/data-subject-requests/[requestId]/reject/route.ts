import { withApiKey } from "@/lib/guard/with-api-key";
import { rejectDataSubjectRequest } from "@/lib/privacy/dsr-reject";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.rejectDataSubjectRequest, ({ ctx, tx, params, body }) =>
  rejectDataSubjectRequest(tx, ctx, { requestId: params.requestId, reason: body.reason }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
