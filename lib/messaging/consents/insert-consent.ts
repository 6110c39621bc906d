import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { ZConsentInput, type TConsentInput } from "../contacts/contact-schemas";
import { consentView } from "../contacts/contact-view";
import type { MessagingParty } from "../messaging-party";

/** Writes a consent row for a contact already found in the org, with its consent.recorded entry. */
export async function insertConsent(
  tx: Tx,
  party: MessagingParty,
  contact: { id: string; phoneE164: string },
  raw: TConsentInput,
  now = new Date(),
) {
  const input = ZConsentInput.parse(raw);
  const grantedAt = input.grantedAt ?? now;
  if (grantedAt.getTime() > now.getTime() + 60_000)
    throw new AppError("invalid_input", "A consent cannot be given in the future.", {
      grantedAt: ["Not in the future."],
    });
  const row = await tx.messagingConsent.create({
    data: {
      orgId: party.orgId,
      contactId: contact.id,
      channel: input.channel,
      source: input.source,
      textShown: input.textShown,
      grantedAt,
      ip: input.ip ?? null,
      formId: input.formId ?? null,
      recordedAt: now,
    },
  });
  await appendAuditEntry(tx, {
    ...party,
    action: "consent.recorded",
    target: { type: "messaging_contact", id: contact.id, display: contact.phoneE164 },
    metadata: {
      consentId: row.id,
      phone: contact.phoneE164,
      channel: row.channel,
      source: row.source,
      grantedAt: row.grantedAt.toISOString(),
      formId: row.formId,
      ip: row.ip,
    },
  });
  return consentView(row);
}
