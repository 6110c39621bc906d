import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertPermission } from "../assert-permission";
import { insertConsent } from "../consents/insert-consent";
import { partyOf } from "../messaging-party";
import { ZCreateContact, type TContactView, type TCreateContact } from "./contact-schemas";
import { contactTarget, contactView, withCurrentConsent } from "./contact-view";

/** A new contact (lead), its number in E.164, with an SMS consent when one is given. A number taken is a 409. */
export async function createContact(
  tx: Tx,
  ctx: OrgContext,
  raw: TCreateContact,
  now = new Date(),
): Promise<TContactView> {
  assertPermission(ctx, "messaging.manage", "Managing contacts needs messaging.manage.");
  const input = ZCreateContact.parse(raw);
  const taken = await tx.messagingContact.findUnique({
    where: { orgId_phoneE164: { orgId: ctx.org.id, phoneE164: input.phone } },
    select: { id: true },
  });
  if (taken) {
    const message = `A contact with the number ${input.phone} exists.`;
    throw new AppError("conflict", message, { phone: [message] }, undefined, { contactId: taken.id });
  }
  const contact = await tx.messagingContact.create({
    data: {
      orgId: ctx.org.id,
      phoneE164: input.phone,
      name: input.name,
      state: input.state ?? null,
      zip: input.zip ?? null,
      timeZone: input.timeZone ?? null,
      createdAt: now,
      updatedAt: now,
    },
  });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "contact.created",
    target: contactTarget(contact),
    metadata: {
      phone: contact.phoneE164,
      name: contact.name,
      state: contact.state,
      zip: contact.zip,
      timeZone: contact.timeZone,
    },
  });
  if (input.consent) await insertConsent(tx, partyOf(ctx), contact, input.consent, now);
  const created = await tx.messagingContact.findUniqueOrThrow({
    where: { id: contact.id },
    include: withCurrentConsent,
  });
  return contactView(created);
}
