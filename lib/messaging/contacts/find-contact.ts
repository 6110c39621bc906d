import "server-only";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { withCurrentConsent } from "./contact-view";

/**
 * A contact of this organization. Another organization's id answers like an unknown one (404, no enumeration)
 * and is recorded as a cross-tenant probe (BOLA) by the guard.
 */
export async function findContact(db: Tx | ReadClient, ctx: OrgContext, id: string) {
  const contact = await db.messagingContact.findFirst({
    where: { id, orgId: ctx.org.id },
    include: withCurrentConsent,
  });
  if (contact) return contact;
  const elsewhere = await db.messagingContact.findFirst({
    where: { id, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  throw new AppError(
    "not_found",
    "No such contact in this organization.",
    undefined,
    elsewhere
      ? { permission: "messaging.read", reason: "foreign_contact", crossTenant: true, targetOrgId: elsewhere.orgId }
      : undefined,
  );
}
