import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { listSecrets } from "@/lib/secrets/list-secrets";

export const GET = withApiKey(API_OPERATIONS.listSecrets, async ({ ctx, db }) => ({
  data: await listSecrets(db, ctx),
}));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
