import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { TConsentView, TContactView } from "./contact-schemas";

/** What a contact view reads: the row and its latest unrevoked SMS consent. */
export const withCurrentConsent = {
  consents: {
    where: { channel: "sms", revokedAt: null },
    orderBy: { grantedAt: "desc" },
    take: 1,
    select: { id: true, grantedAt: true, source: true },
  },
} satisfies Prisma.MessagingContactInclude;

type ContactRow = Prisma.MessagingContactGetPayload<{ include: typeof withCurrentConsent }>;
type ConsentRow = Prisma.MessagingConsentGetPayload<object>;

export function contactView(row: ContactRow): TContactView {
  const consent = row.consents[0];
  return {
    id: row.id,
    phone: row.phoneE164,
    name: row.name,
    state: row.state,
    zip: row.zip,
    timeZone: row.timeZone,
    optedOut: row.optedOutAt !== null,
    optedOutAt: row.optedOutAt?.toISOString() ?? null,
    optOutChannel: row.optOutChannel,
    smsConsent: consent ? { id: consent.id, grantedAt: consent.grantedAt.toISOString(), source: consent.source } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function consentView(row: ConsentRow): TConsentView {
  return {
    id: row.id,
    contactId: row.contactId,
    channel: row.channel,
    source: row.source,
    textShown: row.textShown,
    grantedAt: row.grantedAt.toISOString(),
    ip: row.ip,
    formId: row.formId,
    recordedAt: row.recordedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedBy,
  };
}

export const contactTarget = (row: { id: string; phoneE164: string }) => ({
  type: "messaging_contact",
  id: row.id,
  display: row.phoneE164,
});
