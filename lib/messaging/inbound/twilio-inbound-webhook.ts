import "server-only";
import { z } from "zod";
import type { Actor, RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { storableInput } from "@/lib/http/storable-input";
import { recordingTwilioRefusals } from "@/lib/messaging/delivery/twilio-refusals";
import { verifyTwilioCall, type SignedTwilioCall } from "@/lib/messaging/delivery/twilio-signature";
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
export const TWILIO_ACTOR: Actor = { type: "system", id: null, display: "Twilio (inbound webhook)" };

/**
 * Twilio's incoming-message webhook for one organization (point the number's "A message comes in" webhook at
 * https://<panel>/api/webhooks/twilio/<org slug>/inbound). Nothing is read from the form before the call is
 * verified (twilio-signature.ts: its X-Twilio-Signature with the org's own Auth Token, its AccountSid); then it is a
 * reply like the API's (receive-inbound.ts). A refused call is on the record (twilio-refusals.ts).
 */
export const receiveTwilioInbound = recordingTwilioRefusals(
  "inbound",
  (db: Db, call: SignedTwilioCall & { context: RequestContext }): Promise<TInboundReceipt> =>
    db.$transaction(async (tx) => {
      const { orgId } = await verifyTwilioCall(tx, call);
      const form = ZTwilioInboundForm.parse(storableInput(call.form));
      const party = { orgId, actor: TWILIO_ACTOR, context: call.context };
      return receiveInbound(tx, party, { from: form.From, text: form.Body, providerMessageId: form.MessageSid });
    }),
);
