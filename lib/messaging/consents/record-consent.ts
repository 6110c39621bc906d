import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertPermission } from "../assert-permission";
import type { TConsentInput, TConsentView } from "../contacts/contact-schemas";
import { findContact } from "../contacts/find-contact";
import { partyOf } from "../messaging-party";
import { insertConsent } from "./insert-consent";

/** Records an SMS consent for a contact of the org (consent.recorded); the earlier ones are kept. */
export async function recordConsent(
  tx: Tx,
  ctx: OrgContext,
  { contactId, ...consent }: TConsentInput & { contactId: string },
  now = new Date(),
): Promise<TConsentView> {
  assertPermission(ctx, "messaging.manage", "Recording consents needs messaging.manage.");
  const contact = await findContact(tx, ctx, contactId);
  return insertConsent(tx, partyOf(ctx), contact, consent, now);
}
