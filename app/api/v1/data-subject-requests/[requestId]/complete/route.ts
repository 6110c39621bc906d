import { withApiKey } from "@/lib/guard/with-api-key";
import { completeDataSubjectRequest } from "@/lib/privacy/dsr-complete";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.completeDataSubjectRequest, ({ ctx, tx, params, body }) =>
  completeDataSubjectRequest(tx, ctx, { requestId: params.requestId, note: body.note }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
