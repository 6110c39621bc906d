import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { sendTestEvent } from "@/lib/webhooks/deliveries";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.testWebhook, ({ ctx, tx, params }) =>
  sendTestEvent(tx, ctx, params.webhookId),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
