import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.listWebhookDeliveries, ({ ctx, db, params, query }) =>
  listDeliveries(db, ctx, params.webhookId, query),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
