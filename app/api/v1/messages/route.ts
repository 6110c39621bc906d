import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { listMessages } from "@/lib/messaging/messages/list-messages";
import { decisionView } from "@/lib/messaging/messages/message-view";
import { sendMessage } from "@/lib/messaging/messages/send-message";

export const GET = withApiKey(API_OPERATIONS.listMessages, ({ ctx, db, query }) => listMessages(db, ctx, query));

export const POST = withApiKey(API_OPERATIONS.sendMessage, async ({ ctx, tx, body }) => {
  const { message, decision } = await sendMessage(tx, ctx, body);
  return { message, decision: decisionView(decision) };
});

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
