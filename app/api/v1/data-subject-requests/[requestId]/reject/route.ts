import { withApiKey } from "@/lib/guard/with-api-key";
import { rejectDataSubjectRequest } from "@/lib/privacy/dsr-reject";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const POST = withApiKey(API_OPERATIONS.rejectDataSubjectRequest, ({ ctx, tx, params, body }) =>
  rejectDataSubjectRequest(tx, ctx, { requestId: params.requestId, reason: body.reason }),
);
