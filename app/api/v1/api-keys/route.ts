import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listApiKeys, async ({ ctx, db }) => ({
  data: await listApiKeys(db, ctx),
}));

export const POST = withApiKey(API_OPERATIONS.createApiKey, ({ ctx, tx, body }) => createApiKey(tx, ctx, body));
