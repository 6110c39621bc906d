import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { parsePhone } from "@/lib/messaging/phone";
import { ZInboundReply, type TInboundReceipt, type TInboundReply } from "./inbound-schemas";
import { optBackIn } from "./opt-back-in";
import { optOutByReply } from "./opt-out-by-reply";
import { isOptOutKeyword, replyKeywordOf } from "./reply-keywords";

/**
 * A reply from a number, through POST /api/v1/messages/inbound or Twilio's webhook. It is kept (MessagingInbound,
 * the text for the panel only) and recorded as inbound.received (never its text). An opt-out keyword opts the
 * number out at once and cancels its pending messages (opt-out-by-reply.ts); START or UNSTOP may lift an opt-out
 * (opt-back-in.ts). A provider id already received answers the first receipt again and records nothing (Twilio
 * retries a webhook it did not see acknowledged).
 */
export async function receiveInbound(
  tx: Tx,
  party: AuditParty,
  raw: TInboundReply,
  now = new Date(),
): Promise<TInboundReceipt> {
  const input = ZInboundReply.parse(raw);
  const phone = parsePhone(input.from, "US");
  if (!phone) throw new AppError("invalid_input", "Not a valid phone number.", { from: ["Not a valid phone number."] });
  const from = phone.e164;
  const { orgId } = party;
  if (input.providerMessageId) {
    const earlier = await tx.messagingInbound.findFirst({
      where: { orgId, providerMessageId: input.providerMessageId },
      select: { id: true, fromE164: true, keyword: true },
    });
    if (earlier) return { ...(await stateOf(tx, orgId, earlier.fromE164)), ...receiptOf(earlier), duplicate: true };
  }
  const keyword = replyKeywordOf(input.text);
  const inbound = await tx.messagingInbound.create({
    data: { orgId, fromE164: from, body: input.text, keyword, providerMessageId: input.providerMessageId ?? null },
    select: { id: true, fromE164: true, keyword: true },
  });
  let cancelledMessages = 0;
  if (isOptOutKeyword(keyword))
    cancelledMessages = await optOutByReply(tx, party, { phone: from, keyword: keyword!, now });
  else if (keyword !== null) await optBackIn(tx, party, { phone: from, keyword, now });
  const contact = await tx.messagingContact.findUnique({
    where: { orgId_phoneE164: { orgId, phoneE164: from } },
    select: { id: true },
  });
  await appendAuditEntry(tx, {
    ...party,
    action: "inbound.received",
    target: { type: "messaging_contact", id: contact?.id ?? null, display: from },
    metadata: {
      inboundId: inbound.id,
      phone: from,
      keyword,
      providerMessageId: input.providerMessageId ?? null,
      contactId: contact?.id ?? null,
    },
  });
  return { ...receiptOf(inbound), ...(await stateOf(tx, orgId, from)), cancelledMessages, duplicate: false };
}

const receiptOf = (row: { id: string; fromE164: string; keyword: string | null }) => ({
  inboundId: row.id,
  from: row.fromE164,
  keyword: row.keyword,
});

async function stateOf(tx: Tx, orgId: string, phone: string) {
  const contact = await tx.messagingContact.findUnique({
    where: { orgId_phoneE164: { orgId, phoneE164: phone } },
    select: { optedOutAt: true },
  });
  return { optedOut: contact?.optedOutAt != null, cancelledMessages: 0 };
}
