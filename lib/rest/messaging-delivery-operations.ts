import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZInboundReceipt, ZInboundReply } from "@/lib/messaging/inbound/inbound-schemas";

const TAG = "Messaging";

/**
 * Replies to the organization's messages, from its own SMS provider (Twilio's webhook has a route of its own:
 * /api/webhooks/twilio/{orgSlug}/inbound). messaging.send: whoever sends the conversation records its replies.
 */
export const MESSAGING_DELIVERY_OPERATIONS = {
  receiveInboundMessage: {
    operationId: "receiveInboundMessage",
    method: "POST",
    path: "/messages/inbound",
    tag: TAG,
    summary: "Record a reply from a number; STOP and the other opt-out keywords opt it out at once",
    description:
      "The reply is kept and recorded as inbound.received (never its text). A reply that is, trimmed and in any " +
      "case, exactly STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE or OPTOUT opts the number out at once " +
      "(contact.opted_out, channel sms, with the keyword) and cancels its scheduled messages (message.cancelled). " +
      "START or UNSTOP lifts an opt-out only while an SMS consent is on file (contact.opted_in). A " +
      "providerMessageId already received answers the first receipt again (duplicate: true) and records nothing. " +
      "It needs messaging.manage: a reply can lift an opt-out, which only owners and admins may do by hand.",
    permission: "messaging.manage",
    body: ZInboundReply,
    response: ZInboundReceipt,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
