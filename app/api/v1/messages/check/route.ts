import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { checkMessage } from "@/lib/messaging/messages/check-message";
import { decisionView } from "@/lib/messaging/messages/message-view";

export const POST = withApiKey(API_OPERATIONS.checkMessage, async ({ ctx, tx, body }) =>
  decisionView(await checkMessage(tx, ctx, body)),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
