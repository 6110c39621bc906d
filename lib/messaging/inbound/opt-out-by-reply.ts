import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { cancelPendingMessages } from "./cancel-pending-messages";

type OptOut = { phone: string; keyword: string; now: Date };

/**
 * An opt-out keyword received from `phone`: the number is opted out at once (channel "sms", the keyword kept) and
 * its pending messages are cancelled, each recorded. A number the organization has no contact for gets one, opted
 * out, so that the opt-out holds if the number is added later (an opt-out must never be forgotten for want of a
 * row). contact.opted_out is recorded when the state changes; a second STOP only cancels what is pending.
 */
export async function optOutByReply(tx: Tx, party: AuditParty, { phone, keyword, now }: OptOut): Promise<number> {
  const { orgId } = party;
  const optOut = { optedOutAt: now, optOutChannel: "sms", optOutKeyword: keyword, updatedAt: now };
  const existing = await tx.messagingContact.findUnique({
    where: { orgId_phoneE164: { orgId, phoneE164: phone } },
    select: { id: true, optedOutAt: true },
  });
  let contactId = existing?.id ?? null;
  const changes = !existing?.optedOutAt;
  if (!existing)
    contactId = (
      await tx.messagingContact.create({ data: { orgId, phoneE164: phone, ...optOut }, select: { id: true } })
    ).id;
  else if (changes) await tx.messagingContact.update({ where: { id: existing.id }, data: optOut });
  const cancelled = await cancelPendingMessages(tx, party, { phone, reason: "opted_out" });
  if (changes)
    await appendAuditEntry(tx, {
      ...party,
      action: "contact.opted_out",
      target: { type: "messaging_contact", id: contactId, display: phone },
      metadata: { phone, channel: "sms", keyword, cancelledMessages: cancelled },
    });
  return cancelled;
}
