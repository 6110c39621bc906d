import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZCampaignView, ZCreateCampaign, ZUpdateCampaign } from "@/lib/messaging/campaigns/campaign-schemas";
import {
  ZConsentInput,
  ZConsentView,
  ZContactView,
  ZCreateContact,
  ZListContactsQuery,
  ZUpdateContact,
} from "@/lib/messaging/contacts/contact-schemas";
import { ZAddDncEntry, ZDncEntryView, ZListDncQuery } from "@/lib/messaging/dnc/dnc-schemas";
import {
  ZCheckMessage,
  ZGateDecisionView,
  ZListMessagesQuery,
  ZMessageView,
  ZSendMessage,
} from "@/lib/messaging/messages/message-schemas";
import { ZPhoneNumber } from "@/lib/messaging/phone-field";
import { ZKillSwitchView, ZSetKillSwitch } from "@/lib/messaging/settings/kill-switch-schemas";
import { ZSenderView, ZSetSender } from "@/lib/messaging/settings/sender-schemas";

const TAG = "Messaging";
const ZContactParams = z.object({ id: z.uuid("Not a contact id.") }).strict();
const ZConsentParams = z.object({ id: z.uuid("Not a contact id."), consentId: z.uuid("Not a consent id.") }).strict();
const ZCampaignParams = z.object({ id: z.uuid("Not a campaign id.") }).strict();
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe("The next (older) page; null at the end."),
  });

const GATE =
  "The gate runs seven checks in this order, each with its own reason code: kill_switch (kill_switch_off, " +
  "platform_kill_switch_on, org_kill_switch_on, organization_closed), dnc (not_on_dnc_list, on_dnc_list, " +
  "invalid_phone), lead (lead_found, lead_not_found), opt_out (not_opted_out, opted_out), consent " +
  "(sms_consent_on_file, no_sms_consent), business_hours " +
  "(within_send_window; outside_send_window, sunday_ban, holiday_ban reschedule; time_zone_unknown, campaign_not_found, " +
  "campaign_archived block) and state_rules (within_frequency_caps; frequency_cap_reached reschedules until the cap " +
  "allows). It fails closed: an error or a timeout in any check is a block with reason internal_error. The first " +
  "block ends it (later checks are not_run). Every decision is recorded (message.allowed, message.blocked, " +
  "message.rescheduled) with the codes and the facts they rested on, never the message body.";

/** The messaging compliance module over REST (issue 20): the pre-send gate, contacts, consents, DNC, campaigns. */
export const MESSAGING_OPERATIONS = {
  checkMessage: {
    operationId: "checkMessage",
    method: "POST",
    path: "/messages/check",
    tag: TAG,
    summary: "Ask the compliance gate whether a message to this number may be sent now, without sending",
    description: GATE,
    permission: "messaging.send",
    body: ZCheckMessage,
    response: ZGateDecisionView,
    status: 200,
  },
  sendMessage: {
    operationId: "sendMessage",
    method: "POST",
    path: "/messages",
    tag: TAG,
    summary:
      "Send a message through the compliance gate: queued when allowed or rescheduled, kept as blocked otherwise",
    description:
      `${GATE} Allowed: status scheduled with sendAfter now, handed to the organization's sender by the delivery ` +
      "worker, which runs the gate again at send time. Rescheduled: scheduled until sendAfter. Blocked: status " +
      "blocked, never sent. Send an Idempotency-Key header to make retries safe (24 hours).",
    permission: "messaging.send",
    body: ZSendMessage,
    response: z.object({ message: ZMessageView, decision: ZGateDecisionView }),
    status: 201,
    idempotent: true,
  },
  listMessages: {
    operationId: "listMessages",
    method: "GET",
    path: "/messages",
    tag: TAG,
    summary: "The organization's messages, newest first, by status, number or campaign (never their bodies)",
    permission: "messaging.read",
    query: ZListMessagesQuery,
    response: page(ZMessageView),
    status: 200,
  },
  listContacts: {
    operationId: "listContacts",
    method: "GET",
    path: "/contacts",
    tag: TAG,
    summary: "The organization's contacts (leads), newest first",
    permission: "messaging.read",
    query: ZListContactsQuery,
    response: page(ZContactView),
    status: 200,
  },
  createContact: {
    operationId: "createContact",
    method: "POST",
    path: "/contacts",
    tag: TAG,
    summary: "Add a contact, with an SMS consent when one is given",
    description:
      "The number is stored in E.164; a number the organization has already is a 409. Recorded as contact.created.",
    permission: "messaging.manage",
    body: ZCreateContact,
    response: ZContactView,
    status: 201,
  },
  getContact: {
    operationId: "getContact",
    method: "GET",
    path: "/contacts/{id}",
    tag: TAG,
    summary: "A contact, with its current SMS consent and opt-out state",
    permission: "messaging.read",
    params: ZContactParams,
    response: ZContactView,
    status: 200,
  },
  updateContact: {
    operationId: "updateContact",
    method: "PATCH",
    path: "/contacts/{id}",
    tag: TAG,
    summary: "Change a contact's name, state, ZIP or time zone, or opt it out (or back in)",
    description: "Opting out cancels the number's pending messages (message.cancelled).",
    permission: "messaging.manage",
    params: ZContactParams,
    body: ZUpdateContact,
    response: ZContactView,
    status: 200,
  },
  deleteContact: {
    operationId: "deleteContact",
    method: "DELETE",
    path: "/contacts/{id}",
    tag: TAG,
    summary: "Delete a contact and its consents; its number's pending messages are cancelled",
    permission: "messaging.manage",
    params: ZContactParams,
    response: z.object({ deleted: z.literal(true), id: z.string(), cancelledMessages: z.number().int() }),
    status: 200,
  },
  listConsents: {
    operationId: "listConsents",
    method: "GET",
    path: "/contacts/{id}/consents",
    tag: TAG,
    summary: "A contact's consent history, newest first, revoked ones included",
    permission: "messaging.read",
    params: ZContactParams,
    response: z.object({ data: z.array(ZConsentView) }),
    status: 200,
  },
  recordConsent: {
    operationId: "recordConsent",
    method: "POST",
    path: "/contacts/{id}/consents",
    tag: TAG,
    summary: "Record an SMS consent as it was given: source, text shown, time, IP or form id",
    permission: "messaging.manage",
    params: ZContactParams,
    body: ZConsentInput,
    response: ZConsentView,
    status: 201,
  },
  revokeConsent: {
    operationId: "revokeConsent",
    method: "POST",
    path: "/contacts/{id}/consents/{consentId}/revoke",
    tag: TAG,
    summary: "Revoke a consent (kept on record, with when and by whom)",
    description: "Pending messages are not sent without another consent: the gate runs again at send time.",
    permission: "messaging.manage",
    params: ZConsentParams,
    response: ZConsentView,
    status: 200,
  },
  listDnc: {
    operationId: "listDncEntries",
    method: "GET",
    path: "/dnc",
    tag: TAG,
    summary: "The organization's Do Not Contact list, newest first",
    permission: "messaging.read",
    query: ZListDncQuery,
    response: page(ZDncEntryView),
    status: 200,
  },
  addDnc: {
    operationId: "addDncEntry",
    method: "POST",
    path: "/dnc",
    tag: TAG,
    summary: "Put a number on the Do Not Contact list; its pending messages are cancelled",
    description: "A number already on the list is a 409. Recorded as dnc.added.",
    permission: "messaging.manage",
    body: ZAddDncEntry,
    response: ZDncEntryView.extend({ cancelledMessages: z.number().int() }),
    status: 201,
  },
  removeDnc: {
    operationId: "removeDncEntry",
    method: "DELETE",
    path: "/dnc/{phone}",
    tag: TAG,
    summary: "Take a number off the Do Not Contact list (the number URL-encoded: %2B14155550123)",
    permission: "messaging.manage",
    params: z.object({ phone: ZPhoneNumber }).strict(),
    response: ZDncEntryView,
    status: 200,
  },
  listCampaigns: {
    operationId: "listCampaigns",
    method: "GET",
    path: "/campaigns",
    tag: TAG,
    summary: "The organization's campaigns, by name",
    permission: "messaging.read",
    query: z.object({ archived: z.enum(["true", "false"]).default("false") }).strict(),
    response: z.object({ data: z.array(ZCampaignView) }),
    status: 200,
  },
  createCampaign: {
    operationId: "createCampaign",
    method: "POST",
    path: "/campaigns",
    tag: TAG,
    summary: "Create a campaign: its purpose, the states whose rules apply, overrides (only stricter) and its cap",
    permission: "messaging.manage",
    body: ZCreateCampaign,
    response: ZCampaignView,
    status: 201,
  },
  updateCampaign: {
    operationId: "updateCampaign",
    method: "PATCH",
    path: "/campaigns/{id}",
    tag: TAG,
    summary: "Change a campaign, or archive it (archived: true; the gate then blocks its messages)",
    permission: "messaging.manage",
    params: ZCampaignParams,
    body: ZUpdateCampaign,
    response: ZCampaignView,
    status: 200,
  },
  getKillSwitch: {
    operationId: "getMessagingKillSwitch",
    method: "GET",
    path: "/messaging/kill-switch",
    tag: TAG,
    summary: "The organization's messaging kill switch, and the platform's",
    permission: "messaging.read",
    response: ZKillSwitchView,
    status: 200,
  },
  setKillSwitch: {
    operationId: "setMessagingKillSwitch",
    method: "PUT",
    path: "/messaging/kill-switch",
    tag: TAG,
    summary: "Turn the organization's messaging kill switch on or off (owners' keys only)",
    description: "While on, the gate blocks every message, scheduled ones included. Recorded as kill_switch.changed.",
    permission: "messaging.kill_switch",
    body: ZSetKillSwitch,
    response: ZKillSwitchView,
    status: 200,
  },
  getMessagingSender: {
    operationId: "getMessagingSender",
    method: "GET",
    path: "/messaging/sender",
    tag: TAG,
    summary: "How allowed messages leave: the local outbox, or Twilio",
    permission: "messaging.read",
    response: ZSenderView,
    status: 200,
  },
  setMessagingSender: {
    operationId: "setMessagingSender",
    method: "PUT",
    path: "/messaging/sender",
    tag: TAG,
    summary: "Choose how allowed messages leave: the local outbox, or Twilio",
    description:
      "Recorded as messaging.settings_changed. Twilio is a 409 until the org secrets TWILIO_ACCOUNT_SID, " +
      "TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER exist.",
    permission: "messaging.manage",
    body: ZSetSender,
    response: ZSenderView,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
