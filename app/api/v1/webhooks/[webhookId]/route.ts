import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { deleteEndpoint } from "@/lib/webhooks/delete-endpoint";
import { updateEndpoint } from "@/lib/webhooks/update-endpoint";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const PATCH = withApiKey(API_OPERATIONS.updateWebhook, ({ ctx, tx, params, body }) =>
  updateEndpoint(tx, ctx, params.webhookId, body),
);

export const DELETE = withApiKey(API_OPERATIONS.deleteWebhook, async ({ ctx, tx, params }) => {
  await deleteEndpoint(tx, ctx, params.webhookId);
  return { deleted: true as const };
});

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, POST, PUT } = refuseOtherMethods("PATCH", "DELETE");
