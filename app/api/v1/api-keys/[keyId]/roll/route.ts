import { rollApiKey } from "@/lib/api-keys/roll-api-key";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.rollApiKey, ({ ctx, tx, params, body }) =>
  rollApiKey(tx, ctx, { ...params, ...body }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
