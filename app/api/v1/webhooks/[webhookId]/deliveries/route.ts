import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { listDeliveries } from "@/lib/webhooks/deliveries";

export const GET = withApiKey(API_OPERATIONS.listWebhookDeliveries, ({ ctx, tx, params, query }) =>
  listDeliveries(tx, ctx, params.webhookId, query),
);
