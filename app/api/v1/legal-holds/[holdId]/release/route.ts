import { withApiKey } from "@/lib/guard/with-api-key";
import { releaseLegalHold } from "@/lib/lifecycle/legal-hold-release";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const POST = withApiKey(API_OPERATIONS.releaseLegalHold, ({ ctx, tx, params, body }) =>
  releaseLegalHold(tx, ctx, { holdId: params.holdId, reason: body.reason }),
);
