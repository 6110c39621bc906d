import "server-only";
import type { Db } from "@/lib/db/client";
import { GateNotRecordedError } from "@/lib/messaging/gate/gate-not-recorded";
import { runGateForWorker } from "@/lib/messaging/gate/run-gate";
import type { GateOptions } from "@/lib/messaging/gate/gate-types";
import type { ClaimedMessage } from "./claim-due-messages";
import { nextSendAttemptAt, SEND_LEASE_SECONDS } from "./retry-schedule";
import { SendError, type Sender } from "./sender";
import { senderForOrg, type SenderOptions } from "./sender-for-org";

export type GateAtSendTime =
  | { outcome: "allowed"; decisionId: string; sender: Sender | SendError }
  | { outcome: "blocked" | "rescheduled" | "retried" | "failed" };

/**
 * Re-runs the whole gate for a claimed message at send time, in one transaction with what it decides: blocked
 * (status blocked: the gate recorded message.blocked with its reasons), rescheduled (back to scheduled at the new
 * sendAfter: message.rescheduled), or allowed (the org's sender is resolved; a missing Twilio secret is a permanent
 * SendError for the caller to record). If the transaction itself fails (the database), nothing was decided or sent:
 * the message goes back to scheduled for a later pass.
 */
export async function gateAtSendTime(
  db: Db,
  message: ClaimedMessage,
  now: Date,
  options: SenderOptions & { gate?: GateOptions },
): Promise<GateAtSendTime> {
  try {
    return await db.$transaction(async (tx) => {
      const input = { to: message.to, campaignId: message.campaignId ?? undefined, messageId: message.id, now };
      const gate = await runGateForWorker(tx, { orgId: message.orgId }, input, { ...options.gate, db });
      const where = { id: message.id, orgId: message.orgId, status: "sending" };
      const decided = { lastDecisionId: gate.decisionId };
      if (gate.decision === "block") {
        await tx.messagingMessage.updateMany({ where, data: { ...decided, status: "blocked", sendAfter: null } });
        return { outcome: "blocked" };
      }
      if (gate.decision === "reschedule") {
        const sendAfter = gate.sendAfter ?? nextSendAttemptAt(now, 1);
        await tx.messagingMessage.updateMany({ where, data: { ...decided, status: "scheduled", sendAfter } });
        return { outcome: "rescheduled" };
      }
      // Still ours (the lease not taken over as lost meanwhile), and leased afresh for the send itself.
      const lease = new Date(now.getTime() + SEND_LEASE_SECONDS * 1000);
      const { count } = await tx.messagingMessage.updateMany({ where, data: { ...decided, sendAfter: lease } });
      if (count === 0) return { outcome: "failed" };
      const sender = await senderForOrg(tx, message.orgId, options).catch((error: unknown) =>
        error instanceof SendError ? error : new SendError("The sender could not be prepared", false),
      );
      return { outcome: "allowed", decisionId: gate.decisionId, sender };
    });
  } catch (error) {
    const where = { id: message.id, orgId: message.orgId, status: "sending" };
    // The gate could not record its decision with ours: it recorded a block on its own, and blocked it stays.
    const recorded = error instanceof GateNotRecordedError ? await error.recorded : null;
    if (recorded) {
      await db.messagingMessage.updateMany({
        where,
        data: { status: "blocked", sendAfter: null, lastDecisionId: recorded.decisionId },
      });
      return { outcome: "blocked" };
    }
    await db.messagingMessage.updateMany({
      where,
      data: { status: "scheduled", sendAfter: nextSendAttemptAt(now, 1) },
    });
    return { outcome: "retried" };
  }
}
