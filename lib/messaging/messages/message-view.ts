import "server-only";
import type { GateDecision } from "../gate/gate-types";
import type { TGateDecisionView, TMessageView } from "./message-schemas";
import { MESSAGE_STATUSES } from "./message-schemas";

type MessageRow = {
  id: string;
  toE164: string;
  contactId: string | null;
  campaignId: string | null;
  status: string;
  sendAfter: Date | null;
  lastDecisionId: string | null;
  sender: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** A message as answered: never its body (the sender reads it from the row; nothing else needs it). */
export function messageView(row: MessageRow): TMessageView {
  const status = (MESSAGE_STATUSES as readonly string[]).includes(row.status) ? row.status : "failed";
  return {
    id: row.id,
    to: row.toE164,
    contactId: row.contactId,
    campaignId: row.campaignId,
    status: status as TMessageView["status"],
    sendAfter: row.sendAfter?.toISOString() ?? null,
    decisionId: row.lastDecisionId,
    sender: row.sender,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

export function decisionView(decision: GateDecision): TGateDecisionView {
  return {
    decisionId: decision.decisionId,
    decision: decision.decision,
    reason: decision.reason,
    checks: decision.checks,
    sendAfter: decision.sendAfter?.toISOString() ?? null,
  };
}
