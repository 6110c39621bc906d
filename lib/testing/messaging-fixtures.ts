import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { createSecret } from "@/lib/secrets/create-secret";
import { createOwner, orgContextFor } from "./factories";

/** A valid New York number no other test uses (212-736-xxxx, then a random line). */
export const newYorkNumber = () => `+1212736${String(randomInt(10_000)).padStart(4, "0")}`;

/** An organization with messaging settings (the outbox unless told), and its owner. */
export async function messagingOrg(db: Db, { sender = "outbox" }: { sender?: "outbox" | "twilio" } = {}) {
  const owner = await createOwner();
  await db.messagingSettings.create({ data: { orgId: owner.org.id, sender } });
  return owner;
}

/** A New York contact with (unless told) an SMS consent on file. */
export async function consentingContact(db: Db, orgId: string, { consent = true }: { consent?: boolean } = {}) {
  const phone = newYorkNumber();
  const contact = await db.messagingContact.create({
    data: { orgId, phoneE164: phone, name: "Test Lead", state: "NY", zip: "10001", timeZone: "America/New_York" },
  });
  const consentRow = consent
    ? await db.messagingConsent.create({
        data: {
          orgId,
          contactId: contact.id,
          channel: "sms",
          source: "web form",
          textShown: "I agree to receive texts.",
          grantedAt: new Date("2026-01-05T15:00:00Z"),
          formId: "signup-1",
        },
      })
    : null;
  return { contact, phone, consent: consentRow };
}

/** A message waiting in the queue (status scheduled) until `sendAfter`. */
export async function queuedMessage(
  db: Db,
  orgId: string,
  {
    to,
    contactId,
    sendAfter,
    body = "Your appointment is tomorrow at 10.",
  }: {
    to: string;
    contactId?: string;
    sendAfter: Date;
    body?: string;
  },
) {
  return db.messagingMessage.create({
    data: { orgId, contactId: contactId ?? null, toE164: to, body, status: "scheduled", sendAfter },
  });
}

/** The org's Twilio account as its owner stores it: three organization secrets (lib/secrets). */
export async function storeTwilioSecrets(
  db: Db,
  owner: Awaited<ReturnType<typeof createOwner>>,
  credentials: { accountSid: string; authToken: string; from: string },
) {
  const ctx = orgContextFor(owner, owner.org);
  await db.$transaction(async (tx) => {
    await createSecret(tx, ctx, { name: "TWILIO_ACCOUNT_SID", value: credentials.accountSid });
    await createSecret(tx, ctx, { name: "TWILIO_AUTH_TOKEN", value: credentials.authToken });
    await createSecret(tx, ctx, { name: "TWILIO_FROM_NUMBER", value: credentials.from });
  });
}

/** The org's audit entries of `action`, oldest first. */
export function entriesOf(db: Db, orgId: string, action: string) {
  return db.auditEntry.findMany({ where: { orgId, action }, orderBy: { seq: "asc" } });
}
