import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { listDeliveries } from "@/lib/webhooks/deliveries";

export const GET = withApiKey(API_OPERATIONS.listWebhookDeliveries, ({ ctx, db, params, query }) =>
  listDeliveries(db, ctx, params.webhookId, query),
);
