import "server-only";
import twilio from "twilio";
import { z } from "zod";
import type { Actor, RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { storableInput } from "@/lib/http/storable-input";
import { loadTwilioCredentials } from "@/lib/messaging/delivery/twilio-credentials";
import type { TInboundReceipt } from "./inbound-schemas";
import { receiveInbound } from "./receive-inbound";

/** The fields of Twilio's incoming-message webhook Verity reads (Twilio sends more; the signature covers them all). */
export const ZTwilioInboundForm = z.object({
  AccountSid: z.string().max(64),
  MessageSid: z.string().max(64),
  From: z.string().max(40),
  Body: z.string().max(1600).default(""),
});

/** Who the entries of a webhook name: Twilio, relaying the person's reply. */
const TWILIO_ACTOR: Actor = { type: "system", id: null, display: "Twilio (inbound webhook)" };

/** The one answer to every refused call, whatever the reason: no way to learn which organizations use Twilio. */
const refused = () => new AppError("forbidden", "The X-Twilio-Signature header does not match this request.");

type Delivery = {
  orgSlug: string;
  /** The URL Twilio called, as Twilio sees it (the panel's public origin, NEXTAUTH_URL, and the path and query). */
  url: string;
  form: Record<string, string>;
  signature: string | null;
  context: RequestContext;
};

/**
 * Twilio's incoming-message webhook for one organization (point the number's "A message comes in" webhook at
 * https://<panel>/api/webhooks/twilio/<org slug>/inbound). Nothing is read from the form before its
 * X-Twilio-Signature is checked with the official library's validateRequest against the organization's own Auth
 * Token (its TWILIO_AUTH_TOKEN secret) and its AccountSid matches; an unknown organization, one without Twilio
 * secrets, a missing or wrong signature all get the same 403. Then it is a reply like the API's (receive-inbound.ts).
 */
export async function receiveTwilioInbound(db: Db, delivery: Delivery): Promise<TInboundReceipt> {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug: delivery.orgSlug }, select: { id: true } });
    const credentials = org ? await loadTwilioCredentials(tx, org.id).catch(() => null) : null;
    if (!org || !credentials || !delivery.signature) throw refused();
    if (!twilio.validateRequest(credentials.authToken, delivery.signature, delivery.url, delivery.form))
      throw refused();
    const form = ZTwilioInboundForm.parse(storableInput(delivery.form));
    if (form.AccountSid !== credentials.accountSid) throw refused();
    const party = { orgId: org.id, actor: TWILIO_ACTOR, context: delivery.context };
    return receiveInbound(tx, party, { from: form.From, text: form.Body, providerMessageId: form.MessageSid });
  });
}
