import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { sendTestEvent } from "@/lib/webhooks/deliveries";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

// The panel's "Send test event" service: the same catalog samples, the same webhook.test_sent entry.
export const POST = withApiKey(API_OPERATIONS.testWebhook, ({ ctx, tx, params, body }) =>
  sendTestEvent(tx, ctx, params.webhookId, new Date(), { eventType: body.type }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
