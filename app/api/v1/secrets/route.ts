import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { listSecrets } from "@/lib/secrets/list-secrets";

export const GET = withApiKey(API_OPERATIONS.listSecrets, async ({ ctx, tx }) => ({
  data: await listSecrets(tx, ctx),
}));
