import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { sendTestEvent } from "@/lib/webhooks/deliveries";

export const POST = withApiKey(API_OPERATIONS.testWebhook, ({ ctx, tx, params }) =>
  sendTestEvent(tx, ctx, params.webhookId),
);
