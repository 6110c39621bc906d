import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.listWebhooks, async ({ ctx, db }) => ({
  data: await listEndpoints(db, ctx),
}));

export const POST = withApiKey(API_OPERATIONS.createWebhook, ({ ctx, tx, body }) => createEndpoint(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
