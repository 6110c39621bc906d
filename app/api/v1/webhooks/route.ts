import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/manage-endpoints";

export const GET = withApiKey(API_OPERATIONS.listWebhooks, async ({ ctx, tx }) => ({ data: await listEndpoints(tx, ctx) }));

export const POST = withApiKey(API_OPERATIONS.createWebhook, ({ ctx, tx, body }) => createEndpoint(tx, ctx, body));
