import { rollApiKey } from "@/lib/api-keys/roll-api-key";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const POST = withApiKey(API_OPERATIONS.rollApiKey, ({ ctx, tx, params, body }) =>
  rollApiKey(tx, ctx, { ...params, ...body }),
);
