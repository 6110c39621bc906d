import "server-only";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { optInContact } from "@/lib/messaging/contacts/opt-out-number";

/**
 * START or UNSTOP from an opted-out number lifts its opt-out, but only while an unrevoked SMS consent is on file.
 * Why honour it at all: it is the person's own express request, from the very number, on the channel they opted
 * out on; carriers and Twilio treat START/UNSTOP as re-subscribing (Twilio stops blocking the number then), so
 * refusing it would leave Verity and the provider disagreeing. Why not more: the keyword is not consent. With no
 * consent on file (never given, or revoked), the opt-out stays and the gate keeps blocking until a consent is
 * recorded; the reply is still kept and recorded (inbound.received, keyword START). An opt-out is never lifted
 * by any other text, and a Do Not Contact entry is not touched.
 */
export async function optBackIn(
  tx: Tx,
  party: AuditParty,
  { phone, keyword, now }: { phone: string; keyword: string; now: Date },
): Promise<boolean> {
  const contact = await tx.messagingContact.findUnique({
    where: { orgId_phoneE164: { orgId: party.orgId, phoneE164: phone } },
    select: { id: true, optedOutAt: true },
  });
  if (!contact?.optedOutAt) return false;
  const consent = await tx.messagingConsent.findFirst({
    where: { orgId: party.orgId, contactId: contact.id, channel: "sms", revokedAt: null },
    select: { id: true },
  });
  if (!consent) return false;
  await optInContact(tx, party, { contactId: contact.id, channel: "sms", keyword, at: now });
  return true;
}
