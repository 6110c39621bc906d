import "server-only";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import type { TConsentView } from "../contacts/contact-schemas";
import { consentView } from "../contacts/contact-view";
import { findContact } from "../contacts/find-contact";

/** A contact's consent history, newest first, revoked ones included. */
export async function listConsents(
  db: ReadClient | Tx,
  ctx: OrgContext,
  { contactId }: { contactId: string },
): Promise<TConsentView[]> {
  await findContact(db, ctx, contactId);
  const rows = await db.messagingConsent.findMany({
    where: { orgId: ctx.org.id, contactId },
    orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
  });
  return rows.map(consentView);
}
