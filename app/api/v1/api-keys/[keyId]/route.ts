import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const DELETE = withApiKey(API_OPERATIONS.revokeApiKey, ({ ctx, tx, params }) => revokeApiKey(tx, ctx, params));

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
