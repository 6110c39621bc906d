import { withApiKey } from "@/lib/guard/with-api-key";
import { completeDataSubjectRequest } from "@/lib/privacy/dsr-complete";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const POST = withApiKey(API_OPERATIONS.completeDataSubjectRequest, ({ ctx, tx, params, body }) =>
  completeDataSubjectRequest(tx, ctx, { requestId: params.requestId, note: body.note }),
);
