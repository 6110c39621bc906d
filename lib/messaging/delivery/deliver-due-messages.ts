import "server-only";
import type { Db } from "@/lib/db/client";
import type { GateOptions } from "@/lib/messaging/gate/gate-types";
import { claimDueMessages, claimStaleSends, type ClaimedMessage } from "./claim-due-messages";
import { gateAtSendTime } from "./gate-at-send-time";
import { recordLostSend, recordSendFailure, recordSent } from "./record-send-outcome";
import { SendError } from "./sender";
import type { SenderOptions } from "./sender-for-org";

export type DeliveryOptions = SenderOptions & {
  /** The gate's options (its timeouts). */
  gate?: GateOptions;
  limit?: number;
  concurrency?: number;
  now?: () => Date;
  /** Only these organizations' messages (tests share one database; an operator draining one tenant). */
  orgIds?: string[];
};

export type DeliveryOutcome = "sent" | "blocked" | "rescheduled" | "retried" | "failed";
export type DeliveryPass = { claimed: number; lost: number } & Record<DeliveryOutcome, number>;

/**
 * One pass of the delivery worker: fails the sends whose worker vanished (lease expired, outcome unknown), claims
 * the due messages, and for each re-runs the whole gate (consent may have been revoked, the number put on the DNC
 * list, the kill switch turned on since it was queued), then sends what is allowed, queues again what is
 * rescheduled, and leaves blocked what is blocked. Every outcome is on the record.
 */
export async function deliverDueMessages(db: Db, options: DeliveryOptions = {}): Promise<DeliveryPass> {
  const { limit = 50, concurrency = 4, now = () => new Date(), orgIds } = options;
  const pass: DeliveryPass = { claimed: 0, lost: 0, sent: 0, blocked: 0, rescheduled: 0, retried: 0, failed: 0 };
  for (const stale of await claimStaleSends(db, { now: now(), limit, orgIds }))
    if (await recordLostSend(db, stale, now())) pass.lost++;
  const queue = await claimDueMessages(db, { now: now(), limit, orgIds });
  pass.claimed = queue.length;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let message = queue.shift(); message; message = queue.shift())
        pass[await deliverClaimedMessage(db, message, options, now)]++;
    }),
  );
  return pass;
}

/** One claimed message: the gate, then (when allowed) the sender, each outcome in its own transaction. */
async function deliverClaimedMessage(
  db: Db,
  message: ClaimedMessage,
  options: DeliveryOptions,
  now: () => Date,
): Promise<DeliveryOutcome> {
  const gated = await gateAtSendTime(db, message, now(), options);
  if (gated.outcome !== "allowed") return gated.outcome;
  const { decisionId, sender } = gated;
  if (sender instanceof SendError)
    return recordSendFailure(db, { message, decisionId, sender: null, error: sender, now: now() });
  try {
    const receipt = await sender.send({ id: message.id, orgId: message.orgId, to: message.to, body: message.body });
    await recordSent(db, { message, decisionId, sender: sender.name, receipt, now: now() });
    return "sent";
  } catch (error) {
    const failure = error instanceof SendError ? error : new SendError("The sender failed unexpectedly", true);
    return recordSendFailure(db, { message, decisionId, sender: sender.name, error: failure, now: now() });
  }
}
