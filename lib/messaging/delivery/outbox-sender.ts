import "server-only";
import type { Sender } from "./sender";

/**
 * The default sender: nothing leaves Verity. The message is marked sent with a local id ("outbox_" and its own id)
 * and the customer's own system collects sent messages, body included, from GET /api/v1/messages?status=sent.
 */
export const outboxSender: Sender = {
  name: "outbox",
  send: async (message) => ({ providerMessageId: `outbox_${message.id}` }),
};
