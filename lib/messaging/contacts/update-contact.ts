import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertPermission } from "../assert-permission";
import { partyOf } from "../messaging-party";
import { ZUpdateContact, type TContactView, type TUpdateContact } from "./contact-schemas";
import { contactTarget, contactView, withCurrentConsent } from "./contact-view";
import { findContact } from "./find-contact";
import { optInContact, optOutNumber } from "./opt-out-number";

const FIELDS = ["name", "state", "zip", "timeZone"] as const;

/** Changes a contact's name, place or zone (contact.updated, before and after), and its opt-out state. */
export async function updateContact(
  tx: Tx,
  ctx: OrgContext,
  { id, ...raw }: TUpdateContact & { id: string },
  now = new Date(),
): Promise<TContactView> {
  assertPermission(ctx, "messaging.manage", "Managing contacts needs messaging.manage.");
  const input = ZUpdateContact.parse(raw);
  const contact = await findContact(tx, ctx, id);
  const before: Record<string, string | null> = {};
  const after: Record<string, string | null> = {};
  for (const field of FIELDS) {
    const value = input[field];
    if (value === undefined || value === contact[field]) continue;
    before[field] = contact[field];
    after[field] = value;
  }
  if (Object.keys(after).length > 0) {
    await tx.messagingContact.update({ where: { id, orgId: ctx.org.id }, data: { ...after, updatedAt: now } });
    await appendAuditEntry(tx, {
      ...partyOf(ctx),
      action: "contact.updated",
      target: contactTarget(contact),
      metadata: { phone: contact.phoneE164, before, after },
    });
  }
  const channel = ctx.principal.type === "api_key" ? "api" : "panel";
  if (input.optedOut === true && !contact.optedOutAt)
    await optOutNumber(tx, partyOf(ctx), { phone: contact.phoneE164, channel, at: now });
  if (input.optedOut === false && contact.optedOutAt)
    await optInContact(tx, partyOf(ctx), { contactId: id, channel, at: now });
  return contactView(await tx.messagingContact.findUniqueOrThrow({ where: { id }, include: withCurrentConsent }));
}
