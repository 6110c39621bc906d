import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";

/**
 * Ends the number's pending (scheduled) messages in this organization: status cancelled, each a message.cancelled
 * entry with the reason. One already claimed by the delivery worker ("sending") is past recall; the worker re-ran
 * the gate just before handing it over.
 */
export async function cancelPendingMessages(
  tx: Tx,
  party: AuditParty,
  { phone, reason }: { phone: string; reason: "opted_out" | "consent_revoked" },
): Promise<number> {
  const cancelled = await tx.messagingMessage.updateManyAndReturn({
    where: { orgId: party.orgId, toE164: phone, status: "scheduled" },
    data: { status: "cancelled", sendAfter: null },
    select: { id: true, campaignId: true },
  });
  for (const message of cancelled)
    await appendAuditEntry(tx, {
      ...party,
      action: "message.cancelled",
      target: { type: "message", id: message.id, display: phone },
      metadata: { messageId: message.id, phone, campaignId: message.campaignId, reason },
    });
  return cancelled.length;
}
