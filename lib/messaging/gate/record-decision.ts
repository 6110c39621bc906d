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
  // Raw, not through the ORM's create: one of the two writes of every decision (bench/messaging-gate-profile.ts).
  await tx.$executeRaw`
    INSERT INTO messaging_decisions
           (id, org_id, phone_e164, contact_id, campaign_id, message_id, decision, reason, checks, send_after, decided_at)
    VALUES (${decisionId}::uuid, ${party.orgId}::uuid, ${phone}, ${contactId}::uuid, ${campaignId}::uuid,
            ${messageId}::uuid, ${evaluation.decision}, ${evaluation.reason}, ${JSON.stringify(evaluation.checks)}::jsonb,
            ${evaluation.sendAfter ?? null}::timestamptz, ${decidedAt}::timestamptz)`;
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
