import "server-only";
import { randomUUID } from "node:crypto";
import type { OrgContext } from "@/lib/context";
import { getDb, type Tx } from "@/lib/db/client";
import { assertPermission } from "../assert-permission";
import { GateNotRecordedError } from "../gate/gate-not-recorded";
import type { GateDecision } from "../gate/gate-types";
import { recordBlockOnItsOwn } from "../gate/record-block-on-its-own";
import { runGate, type RunGateOptions } from "../gate/run-gate";
import { partyOf } from "../messaging-party";
import { ZSendMessage, type TMessageView, type TSendMessage } from "./message-schemas";
import { messageView } from "./message-view";

const STATUS = { allow: "scheduled", reschedule: "scheduled", block: "blocked" } as const;

/**
 * Runs the gate and queues the message by its decision: allowed → scheduled with sendAfter now (the delivery
 * worker sends it, re-running the gate then); rescheduled → scheduled until sendAfter; blocked → kept as blocked,
 * never sent. If anything after the decision fails, the transaction rolls back and the decision is recorded on its
 * own as a block (failure "transaction_failed"), so the record never shows an allowed message that does not exist.
 */
export async function sendMessage(
  tx: Tx,
  ctx: OrgContext,
  raw: TSendMessage & { now?: Date; idempotencyKey?: string | null },
  options?: RunGateOptions,
): Promise<{ message: TMessageView; decision: GateDecision }> {
  assertPermission(ctx, "messaging.send", "Sending a message needs messaging.send.");
  const input = ZSendMessage.parse(raw);
  const messageId = randomUUID();
  const now = raw.now ?? new Date();
  const decision = await runGate(tx, ctx, { to: input.to, campaignId: input.campaignId, now, messageId }, options);
  try {
    const lead = decision.checks.find((check) => check.name === "lead")?.facts.contactId;
    const row = await tx.messagingMessage.create({
      data: {
        id: messageId,
        orgId: ctx.org.id,
        contactId: typeof lead === "string" ? lead : null,
        campaignId: input.campaignId ?? null,
        toE164: input.to,
        body: input.body,
        status: STATUS[decision.decision],
        sendAfter: decision.decision === "block" ? null : (decision.sendAfter ?? now),
        lastDecisionId: decision.decisionId,
        idempotencyKey: raw.idempotencyKey ?? null,
        createdAt: new Date(),
      },
    });
    return { message: messageView(row), decision };
  } catch (error) {
    if (!(error instanceof GateNotRecordedError)) {
      const record = {
        decisionId: decision.decisionId,
        phone: input.to,
        contactId: null,
        campaignId: input.campaignId ?? null,
        messageId: null,
        decidedAt: new Date(),
        failure: "transaction_failed" as const,
      };
      // Not awaited: it commits once this transaction has rolled back (the embedded database runs one at a time).
      void recordBlockOnItsOwn(options?.db ?? getDb(), { ...partyOf(ctx), via: "request" }, record, decision);
    }
    throw error;
  }
}
