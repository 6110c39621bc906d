import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Actor } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { ClaimedMessage } from "./claim-due-messages";
import { MAX_SEND_ATTEMPTS, nextSendAttemptAt } from "./retry-schedule";
import type { SendError, SendReceipt, SenderName } from "./sender";

/** Who the delivery worker's entries name: Verity itself, sending on the organization's behalf. */
export const DELIVERY_ACTOR: Actor = { type: "system", id: null, display: "Verity messaging worker" };

const messageTarget = (message: ClaimedMessage) => ({ type: "messaging_message", id: message.id, display: message.to });

type Sent = { message: ClaimedMessage; decisionId: string; sender: SenderName; receipt: SendReceipt; now: Date };

/** The provider accepted it: status sent, its provider id, and message.sent, in one transaction. */
export async function recordSent(db: Db, { message, decisionId, sender, receipt, now }: Sent): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.messagingMessage.updateMany({
      where: { id: message.id, orgId: message.orgId, status: "sending" },
      data: {
        status: "sent",
        sentAt: now,
        sendAfter: null,
        sender,
        providerMessageId: receipt.providerMessageId,
        attempts: { increment: 1 },
        lastError: null,
      },
    });
    if (count === 0) return;
    await appendAuditEntry(tx, {
      orgId: message.orgId,
      action: "message.sent",
      actor: DELIVERY_ACTOR,
      target: messageTarget(message),
      metadata: {
        messageId: message.id,
        phone: message.to,
        campaignId: message.campaignId,
        decisionId,
        sender,
        providerMessageId: receipt.providerMessageId,
        attempts: message.attempts + 1,
      },
    });
  });
}

type Failed = {
  message: ClaimedMessage;
  decisionId: string | null;
  sender: SenderName | null;
  error: SendError;
  now: Date;
};

/**
 * The provider refused it or could not be reached. A retryable failure with attempts left goes back to "scheduled"
 * after the backoff (the gate runs again then); a permanent one, or the last attempt, fails the message with
 * message.send_failed (the status and provider code, never the body). Returns what became of it.
 */
export async function recordSendFailure(
  db: Db,
  { message, decisionId, sender, error, now }: Failed,
): Promise<"retried" | "failed"> {
  const attempts = message.attempts + 1;
  const retry = error.retryable && attempts < MAX_SEND_ATTEMPTS;
  return db.$transaction(async (tx) => {
    const { count } = await tx.messagingMessage.updateMany({
      where: { id: message.id, orgId: message.orgId, status: "sending" },
      data: retry
        ? { status: "scheduled", sendAfter: nextSendAttemptAt(now, attempts), attempts, lastError: error.message }
        : { status: "failed", sendAfter: null, attempts, lastError: error.message, ...(sender ? { sender } : {}) },
    });
    if (count === 0 || retry) return retry ? "retried" : "failed";
    await appendAuditEntry(tx, {
      orgId: message.orgId,
      action: "message.send_failed",
      actor: DELIVERY_ACTOR,
      target: messageTarget(message),
      outcome: "failure",
      metadata: {
        messageId: message.id,
        phone: message.to,
        campaignId: message.campaignId,
        decisionId,
        ...(sender ? { sender } : {}),
        attempts,
        error: error.message,
      },
    });
    return "failed";
  });
}

/**
 * A message whose lease ran out while "sending": whether the provider got it is unknown. It fails (at most once:
 * sending it again could deliver it twice), recorded as message.send_failed with that reason.
 */
export async function recordLostSend(db: Db, message: ClaimedMessage, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.messagingMessage.updateMany({
      where: { id: message.id, orgId: message.orgId, status: "sending", sendAfter: { lte: now } },
      data: { status: "failed", sendAfter: null, lastError: "outcome unknown: the worker stopped while sending" },
    });
    if (count === 0) return false;
    await appendAuditEntry(tx, {
      orgId: message.orgId,
      action: "message.send_failed",
      actor: DELIVERY_ACTOR,
      target: messageTarget(message),
      outcome: "failure",
      metadata: {
        messageId: message.id,
        phone: message.to,
        campaignId: message.campaignId,
        attempts: message.attempts,
        error: "outcome unknown: the worker stopped while sending (not sent again)",
      },
    });
    return true;
  });
}
