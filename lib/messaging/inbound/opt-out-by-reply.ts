import "server-only";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { optOutNumber } from "@/lib/messaging/contacts/opt-out-number";
import { cancelPendingMessages } from "@/lib/messaging/messages/cancel-pending-messages";

type OptOut = { phone: string; keyword: string; now: Date };

/**
 * An opt-out keyword received from `phone`: the number is opted out at once (channel "sms", the keyword kept) and
 * its pending messages are cancelled, each recorded (optOutNumber). A number the organization has no contact for
 * gets one first, so the opt-out is remembered if the number is added as a lead later: an opt-out must never be
 * lost for want of a row. A number already opted out records no second opt-out; what is pending is still cancelled.
 */
export async function optOutByReply(tx: Tx, party: AuditParty, { phone, keyword, now }: OptOut): Promise<number> {
  const where = { orgId_phoneE164: { orgId: party.orgId, phoneE164: phone } };
  const existing = await tx.messagingContact.findUnique({ where, select: { optedOutAt: true } });
  if (existing?.optedOutAt) return cancelPendingMessages(tx, party, { phone, reason: "opted_out" });
  if (!existing) await tx.messagingContact.create({ data: { orgId: party.orgId, phoneE164: phone, updatedAt: now } });
  const { cancelledMessages } = await optOutNumber(tx, party, { phone, channel: "sms", keyword, at: now });
  return cancelledMessages;
}
