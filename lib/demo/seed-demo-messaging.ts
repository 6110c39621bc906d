import "server-only";
import { getDb } from "@/lib/db/client";
import { createCampaign } from "@/lib/messaging/campaigns/create-campaign";
import { createContact } from "@/lib/messaging/contacts/create-contact";
import { updateContact } from "@/lib/messaging/contacts/update-contact";
import { addDncEntry } from "@/lib/messaging/dnc/add-dnc-entry";
import { checkMessage } from "@/lib/messaging/messages/check-message";
import type { RoleName } from "@/lib/rbac/permissions";
import { demoContext } from "./demo-context";

type Person = { id: string; email: string; name: string; role: RoleName };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The leads of the demo, one per state the gate tells apart. Numbers are in the 555-01xx range, reserved for
 * fiction: the demo can never text a real person.
 */
const LEADS = [
  { name: "Maria Lopez", phone: "+13055550101", state: "FL", zip: "33101", consent: true, note: "consented, Florida" },
  {
    name: "James Carter",
    phone: "+12135550102",
    state: "CA",
    zip: "90012",
    consent: true,
    note: "consented, California",
  },
  { name: "Priya Shah", phone: "+13055550103", state: "FL", zip: null, consent: false, note: "no consent" },
  {
    name: "Tom Becker",
    phone: "+14155550104",
    state: "CA",
    zip: "94103",
    consent: true,
    optOut: true,
    note: "opted out",
  },
  {
    name: "Linda Park",
    phone: "+13055550105",
    state: "FL",
    zip: "33130",
    consent: true,
    dnc: true,
    note: "on the DNC list",
  },
  { name: "Chris Wu", phone: "+18605550107", state: "CT", zip: null, consent: true, note: "consented, Connecticut" },
] as const;

/**
 * Contacts in several states (consented or not, opted out, on the Do Not Contact list, in Florida, California and
 * Connecticut), a marketing campaign, and three gate decisions for the overview, all by the demo admin through the
 * services (so every step is on the record). The demo admin's key (demoApiKeys) holds messaging.read, .send and
 * .manage: `POST /api/v1/messages/check` works at once.
 */
export async function seedDemoMessaging(orgId: string, people: Person[]) {
  const admin = people.find((person) => person.role === "ADMIN")!;
  const ctx = demoContext(orgId, admin);
  const db = getDb();
  let entries = 0;
  const contacts: { name: string; phone: string; note: string }[] = [];
  for (const lead of LEADS) {
    const contact = await db.$transaction((tx) =>
      createContact(tx, ctx, {
        phone: lead.phone,
        name: lead.name,
        state: lead.state,
        zip: lead.zip,
        ...(lead.consent
          ? {
              consent: {
                source: "acme.test/signup",
                textShown: "Yes, Acme may text me about my account and offers. Reply STOP to stop.",
                grantedAt: new Date(Date.now() - 30 * DAY_MS),
                formId: "signup-v3",
                ip: "198.51.100.23",
              },
            }
          : {}),
      }),
    );
    entries += lead.consent ? 2 : 1;
    if ("optOut" in lead) {
      await db.$transaction((tx) => updateContact(tx, ctx, { id: contact.id, optedOut: true }));
      entries += 1;
    }
    if ("dnc" in lead) {
      await db.$transaction((tx) =>
        addDncEntry(tx, ctx, { phone: lead.phone, reason: "Asked not to be contacted (phone call)" }),
      );
      entries += 1;
    }
    contacts.push({ name: lead.name, phone: lead.phone, note: lead.note });
  }
  const campaign = await db.$transaction((tx) =>
    createCampaign(tx, ctx, { name: "Winter sale", purpose: "marketing", states: [], maxPer24h: null }),
  );
  entries += 1;
  const decisions = [];
  for (const phone of ["+13055550101", "+13055550103", "+13055550105"]) {
    const decision = await db.$transaction((tx) => checkMessage(tx, ctx, { to: phone, campaignId: campaign.id }));
    decisions.push({ phone, decision: decision.decision, reason: decision.reason });
    entries += 1;
  }
  return { contacts, campaign: campaign.name, decisions, entries };
}
