import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const DELETE = withApiKey(API_OPERATIONS.revokeApiKey, ({ ctx, tx, params }) => revokeApiKey(tx, ctx, params));
