import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { storableInput } from "@/lib/http/storable-input";
import { recordingTwilioRefusals } from "./twilio-refusals";
import { verifyTwilioCall, type SignedTwilioCall } from "./twilio-signature";

/** The fields of Twilio's message status callback Verity reads. */
export const ZTwilioStatusForm = z.object({
  AccountSid: z.string().max(64),
  MessageSid: z.string().max(64),
  MessageStatus: z.string().max(32),
  ErrorCode: z.string().max(16).optional(),
});

/** The statuses after which the message will never arrive. */
const UNDELIVERED = new Set(["failed", "undelivered"]);

/**
 * Twilio's status callback for a message Verity sent (the sender asks for it when the panel's public URL is https).
 * Verified like the inbound webhook. A message Twilio accepted but could not deliver (failed, undelivered) becomes
 * failed, recorded as message.send_failed with Twilio's error code; every other status (queued, sent, delivered, …)
 * is acknowledged and changes nothing. Answers whether it changed a message. A refused call is on the record
 * (twilio-refusals.ts).
 */
export const receiveTwilioStatus = recordingTwilioRefusals("status", receiveVerifiedStatus);

async function receiveVerifiedStatus(
  db: Db,
  call: SignedTwilioCall & { context: RequestContext },
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const { orgId } = await verifyTwilioCall(tx, call);
    const form = ZTwilioStatusForm.parse(storableInput(call.form));
    if (!UNDELIVERED.has(form.MessageStatus)) return { changed: false };
    const code = form.ErrorCode && /^\d+$/.test(form.ErrorCode) ? ` (Twilio error ${form.ErrorCode})` : "";
    const error = `Twilio reported the message ${form.MessageStatus}${code}`;
    const [message] = await tx.messagingMessage.updateManyAndReturn({
      where: { orgId, providerMessageId: form.MessageSid, sender: "twilio", status: "sent" },
      data: { status: "failed", lastError: error },
      select: { id: true, toE164: true, campaignId: true, lastDecisionId: true, attempts: true },
    });
    if (!message) return { changed: false };
    await appendAuditEntry(tx, {
      orgId,
      action: "message.send_failed",
      actor: { type: "system", id: null, display: "Twilio (status callback)" },
      target: { type: "messaging_message", id: message.id, display: message.toE164 },
      outcome: "failure",
      context: call.context,
      metadata: {
        messageId: message.id,
        phone: message.toE164,
        campaignId: message.campaignId,
        decisionId: message.lastDecisionId,
        sender: "twilio",
        providerMessageId: form.MessageSid,
        attempts: message.attempts,
        error,
      },
    });
    return { changed: true };
  });
}
