import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Tx } from "@/lib/db/client";
import type { MessagingParty } from "../messaging-party";

export type CancelReason = "contact_deleted" | "dnc_added" | "opted_out" | "consent_revoked" | "manual";

/**
 * Ends a number's pending (scheduled) messages: status cancelled and one message.cancelled entry each, in the
 * caller's transaction. Answers how many were cancelled.
 */
export async function cancelPendingMessages(
  tx: Tx,
  party: MessagingParty,
  { phone, reason }: { phone: string; reason: CancelReason },
): Promise<number> {
  // One statement: exactly the rows it moved get an entry, even if the worker claims others meanwhile.
  const cancelled = await tx.$queryRaw<{ id: string; campaign_id: string | null; last_decision_id: string | null }[]>`
    UPDATE messaging_messages SET status = 'cancelled', last_error = ${`cancelled: ${reason}`}
    WHERE org_id = ${party.orgId}::uuid AND to_e164 = ${phone} AND status = 'scheduled'
    RETURNING id::text, campaign_id::text, last_decision_id::text`;
  for (const message of cancelled)
    await appendAuditEntry(tx, {
      ...party,
      action: "message.cancelled",
      target: { type: "messaging_message", id: message.id, display: phone },
      metadata: {
        messageId: message.id,
        phone,
        campaignId: message.campaign_id,
        decisionId: message.last_decision_id,
        reason,
      },
    });
  return cancelled.length;
}
