import "server-only";
import type { Sender } from "./sender";

/**
 * The default sender: nothing leaves Verity. The message is marked sent with a local id ("outbox_" and its own id)
 * once the gate allowed it at send time; the customer's own system collects what it may now send from
 * GET /api/v1/messages?status=sent and sends it itself, matching each by the id POST /api/v1/messages answered
 * (the list never carries a body: the customer holds the text it submitted).
 */
export const outboxSender: Sender = {
  name: "outbox",
  send: async (message) => ({ providerMessageId: `outbox_${message.id}` }),
};
