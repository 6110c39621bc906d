"use server";

import { z } from "zod";
import { orgAction } from "@/lib/guard/org-action";
import { createCampaign } from "@/lib/messaging/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/messaging/campaigns/campaign-schemas";
import { updateCampaign } from "@/lib/messaging/campaigns/update-campaign";
import { recordConsent } from "@/lib/messaging/consents/record-consent";
import { revokeConsent } from "@/lib/messaging/consents/revoke-consent";
import { ZConsentInput, ZCreateContact, ZUpdateContact } from "@/lib/messaging/contacts/contact-schemas";
import { createContact } from "@/lib/messaging/contacts/create-contact";
import { deleteContact } from "@/lib/messaging/contacts/delete-contact";
import { updateContact } from "@/lib/messaging/contacts/update-contact";
import { addDncEntry } from "@/lib/messaging/dnc/add-dnc-entry";
import { ZAddDncEntry } from "@/lib/messaging/dnc/dnc-schemas";
import { checkMessage } from "@/lib/messaging/messages/check-message";
import { ZCheckMessage } from "@/lib/messaging/messages/message-schemas";
import { decisionView } from "@/lib/messaging/messages/message-view";
import { ZSetKillSwitch } from "@/lib/messaging/settings/kill-switch-schemas";
import { setKillSwitch } from "@/lib/messaging/settings/set-kill-switch";

// Owners only (messaging.kill_switch); the screen asks for a confirmation that says what it does.
export const setKillSwitchAction = orgAction(
  { name: "messaging.kill_switch.set", permission: "messaging.kill_switch", input: ZSetKillSwitch },
  ({ ctx, tx, input }) => setKillSwitch(tx, ctx, input),
);

export const createContactAction = orgAction(
  { name: "messaging.contacts.create", permission: "messaging.manage", input: ZCreateContact },
  async ({ ctx, tx, input }) => {
    const contact = await createContact(tx, ctx, input);
    return { id: contact.id, phone: contact.phone };
  },
);

// Name, place and zone (contact.updated, before and after); the contact is looked up in the caller's organization.
export const updateContactAction = orgAction(
  {
    name: "messaging.contacts.update",
    permission: "messaging.manage",
    input: ZUpdateContact.extend({ id: z.uuid("Not a contact id.") }).strict(),
  },
  async ({ ctx, tx, input }) => {
    const contact = await updateContact(tx, ctx, input);
    return { id: contact.id, phone: contact.phone };
  },
);

// The screen asks for a confirmation first; contact.deleted, and the number's pending messages cancelled.
export const deleteContactAction = orgAction(
  {
    name: "messaging.contacts.delete",
    permission: "messaging.manage",
    input: z.object({ id: z.uuid("Not a contact id.") }).strict(),
  },
  ({ ctx, tx, input }) => deleteContact(tx, ctx, input),
);

// The contact is looked up in the caller's organization by the service: another org's id answers 404.
export const recordConsentAction = orgAction(
  {
    name: "messaging.consents.record",
    permission: "messaging.manage",
    input: ZConsentInput.extend({ contactId: z.uuid("Not a contact id.") }).strict(),
  },
  async ({ ctx, tx, input }) => ({ id: (await recordConsent(tx, ctx, input)).id }),
);

export const revokeConsentAction = orgAction(
  {
    name: "messaging.consents.revoke",
    permission: "messaging.manage",
    input: z.object({ contactId: z.uuid("Not a contact id."), consentId: z.uuid("Not a consent id.") }).strict(),
  },
  async ({ ctx, tx, input }) => ({ id: (await revokeConsent(tx, ctx, input)).id }),
);

export const addDncEntryAction = orgAction(
  { name: "messaging.dnc.add", permission: "messaging.manage", input: ZAddDncEntry },
  async ({ ctx, tx, input }) => {
    const entry = await addDncEntry(tx, ctx, input);
    return { phone: entry.phone, cancelledMessages: entry.cancelledMessages };
  },
);

export const createCampaignAction = orgAction(
  { name: "messaging.campaigns.create", permission: "messaging.manage", input: ZCreateCampaign },
  async ({ ctx, tx, input }) => {
    const campaign = await createCampaign(tx, ctx, input);
    return { id: campaign.id, name: campaign.name };
  },
);

// The screen asks for a confirmation first; campaign.archived, and the gate blocks the campaign's messages from then on.
export const archiveCampaignAction = orgAction(
  {
    name: "messaging.campaigns.archive",
    permission: "messaging.manage",
    input: z.object({ id: z.uuid("Not a campaign id.") }).strict(),
  },
  async ({ ctx, tx, input }) => {
    const campaign = await updateCampaign(tx, ctx, { id: input.id, archived: true });
    return { id: campaign.id, name: campaign.name };
  },
);

// "Try a number": the gate in check mode (nothing is sent); the decision is on the record like any other.
export const checkNumberAction = orgAction(
  { name: "messaging.check", permission: "messaging.send", input: ZCheckMessage },
  async ({ ctx, tx, input }) => decisionView(await checkMessage(tx, ctx, input)),
);
