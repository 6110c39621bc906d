import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Tx } from "@/lib/db/client";
import type { Evaluation } from "./evaluate-checks";
import type { GateDecision, GateParty } from "./gate-types";

const ACTIONS = { allow: "message.allowed", block: "message.blocked", reschedule: "message.rescheduled" } as const;

export type DecisionRecord = {
  decisionId: string;
  phone: string;
  contactId: string | null;
  campaignId: string | null;
  messageId: string | null;
  decidedAt: Date;
  failure?: "record_failed" | "transaction_failed";
};

/**
 * Writes the decision row and its audit entry (message.allowed / blocked / rescheduled) in the transaction given:
 * the reason codes and the facts each check rested on, never a message body (the gate never sees one).
 */
export async function recordDecision(
  tx: Tx,
  party: GateParty,
  record: DecisionRecord,
  evaluation: Evaluation,
): Promise<GateDecision> {
  const { decisionId, phone, contactId, campaignId, messageId, decidedAt } = record;
  await tx.messagingDecision.create({
    data: {
      id: decisionId,
      orgId: party.orgId,
      phoneE164: phone,
      contactId,
      campaignId,
      messageId,
      decision: evaluation.decision,
      reason: evaluation.reason,
      checks: evaluation.checks,
      sendAfter: evaluation.sendAfter ?? null,
      decidedAt,
    },
  });
  await appendAuditEntry(tx, {
    orgId: party.orgId,
    actor: party.actor,
    context: party.context,
    action: ACTIONS[evaluation.decision],
    outcome: evaluation.decision === "block" ? "denied" : "success",
    target: contactId
      ? { type: "messaging_contact", id: contactId, display: phone }
      : { type: "phone_number", id: null, display: phone },
    metadata: {
      decisionId,
      decision: evaluation.decision,
      reason: evaluation.reason,
      phone,
      contactId,
      campaignId,
      messageId,
      sendAfter: evaluation.sendAfter?.toISOString() ?? null,
      checks: evaluation.checks,
      via: party.via,
      ...(record.failure ? { failure: record.failure } : {}),
    },
  });
  return {
    decisionId,
    decision: evaluation.decision,
    reason: evaluation.reason,
    checks: evaluation.checks,
    ...(evaluation.sendAfter ? { sendAfter: evaluation.sendAfter } : {}),
  };
}
