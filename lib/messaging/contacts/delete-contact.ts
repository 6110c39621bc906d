import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertPermission } from "../assert-permission";
import { cancelPendingMessages } from "../messages/cancel-pending-messages";
import { partyOf } from "../messaging-party";
import { contactTarget } from "./contact-view";
import { findContact } from "./find-contact";

/**
 * Deletes a contact and its consent records, and cancels its number's pending messages: without a lead the gate
 * would block them anyway, and nothing should wait in the queue for a number the org let go.
 */
export async function deleteContact(
  tx: Tx,
  ctx: OrgContext,
  { id }: { id: string },
): Promise<{ deleted: true; id: string; cancelledMessages: number }> {
  assertPermission(ctx, "messaging.manage", "Managing contacts needs messaging.manage.");
  const contact = await findContact(tx, ctx, id);
  const cancelledMessages = await cancelPendingMessages(tx, partyOf(ctx), {
    phone: contact.phoneE164,
    reason: "contact_deleted",
  });
  await tx.messagingContact.delete({ where: { id, orgId: ctx.org.id } });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "contact.deleted",
    target: contactTarget(contact),
    metadata: {
      phone: contact.phoneE164,
      name: contact.name,
      state: contact.state,
      zip: contact.zip,
      timeZone: contact.timeZone,
      cancelledMessages,
    },
  });
  return { deleted: true, id, cancelledMessages };
}
