import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import { actorOf } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertPermission } from "../assert-permission";
import type { TConsentView } from "../contacts/contact-schemas";
import { consentView } from "../contacts/contact-view";
import { findContact } from "../contacts/find-contact";
import { partyOf } from "../messaging-party";

/**
 * Revokes a consent (kept, with when and by whom: consent.revoked). Pending messages stay queued: the worker
 * re-runs the gate at send time, which blocks them unless another consent is on file.
 */
export async function revokeConsent(
  tx: Tx,
  ctx: OrgContext,
  { contactId, consentId }: { contactId: string; consentId: string },
  now = new Date(),
): Promise<TConsentView> {
  assertPermission(ctx, "messaging.manage", "Revoking consents needs messaging.manage.");
  const contact = await findContact(tx, ctx, contactId);
  const consent = await tx.messagingConsent.findFirst({ where: { id: consentId, contactId, orgId: ctx.org.id } });
  if (!consent) throw new AppError("not_found", "No such consent for this contact.");
  if (consent.revokedAt) return consentView(consent);
  const revoked = await tx.messagingConsent.update({
    where: { id: consent.id },
    data: { revokedAt: now, revokedBy: actorOf(ctx.principal).display },
  });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "consent.revoked",
    target: { type: "messaging_contact", id: contact.id, display: contact.phoneE164 },
    metadata: {
      consentId: revoked.id,
      phone: contact.phoneE164,
      channel: revoked.channel,
      source: revoked.source,
      grantedAt: revoked.grantedAt.toISOString(),
    },
  });
  return consentView(revoked);
}
