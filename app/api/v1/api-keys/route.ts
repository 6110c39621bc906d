import { createApiKey, listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listApiKeys, async ({ ctx, tx }) => ({ data: await listApiKeys(tx, ctx) }));

export const POST = withApiKey(API_OPERATIONS.createApiKey, ({ ctx, tx, body }) => createApiKey(tx, ctx, body));
