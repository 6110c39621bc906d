import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Tx } from "@/lib/db/client";
import { cancelPendingMessages } from "../messages/cancel-pending-messages";
import type { MessagingParty } from "../messaging-party";

export type OptOut = {
  /** E.164. */
  phone: string;
  /** How the person said so: "sms" (a STOP reply), "api", "panel", … */
  channel: string;
  /** The keyword of a reply (STOP, UNSUBSCRIBE, …). */
  keyword?: string | null;
  at?: Date;
};

/**
 * Opts a number out at once: the org's contact with it is marked (time, channel, keyword; an earlier opt-out
 * keeps its first time) and its pending messages are cancelled, with a contact.opted_out entry, in the caller's
 * transaction. A number with no contact is still recorded and its pending messages still end: the gate blocks
 * it anyway (no lead), and the reply is evidence. For msg-delivery's inbound STOP, with systemParty(orgId).
 */
export async function optOutNumber(
  tx: Tx,
  party: MessagingParty,
  { phone, channel, keyword = null, at = new Date() }: OptOut,
): Promise<{ contactId: string | null; cancelledMessages: number }> {
  const contact = await tx.messagingContact.findUnique({
    where: { orgId_phoneE164: { orgId: party.orgId, phoneE164: phone } },
    select: { id: true, optedOutAt: true },
  });
  if (contact && !contact.optedOutAt)
    await tx.messagingContact.update({
      where: { id: contact.id },
      data: { optedOutAt: at, optOutChannel: channel, optOutKeyword: keyword, updatedAt: at },
    });
  const cancelledMessages = await cancelPendingMessages(tx, party, { phone, reason: "opted_out" });
  await appendAuditEntry(tx, {
    ...party,
    action: "contact.opted_out",
    target: contact
      ? { type: "messaging_contact", id: contact.id, display: phone }
      : { type: "phone_number", id: null, display: phone },
    metadata: { phone, channel, keyword, cancelledMessages },
  });
  return { contactId: contact?.id ?? null, cancelledMessages };
}

/** Opts a contact back in (a member's decision, or a START reply): the gate's opt-out check passes again. */
export async function optInContact(
  tx: Tx,
  party: MessagingParty,
  {
    contactId,
    channel,
    keyword = null,
    at = new Date(),
  }: { contactId: string; channel: string; keyword?: string | null; at?: Date },
): Promise<void> {
  const contact = await tx.messagingContact.update({
    where: { id: contactId, orgId: party.orgId },
    data: { optedOutAt: null, optOutChannel: null, optOutKeyword: null, updatedAt: at },
    select: { phoneE164: true },
  });
  await appendAuditEntry(tx, {
    ...party,
    action: "contact.opted_in",
    target: { type: "messaging_contact", id: contactId, display: contact.phoneE164 },
    metadata: { phone: contact.phoneE164, channel, keyword },
  });
}
