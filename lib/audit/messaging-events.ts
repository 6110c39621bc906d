import { z } from "zod";

/**
 * The messaging compliance module's audit events (issue 20), all in the "compliance" category. Spread into
 * AUDIT_EVENTS (lib/audit/event-catalog.ts). No message body is ever in this metadata: a decision records its
 * reason codes and the facts they rested on (rule ids, the local time and zone computed, the consent record id),
 * and a message event names the message, its number and its campaign. It lives in lib/audit because the catalog
 * may not import a domain (lib/layers.mjs); lib/messaging/messaging-events.ts re-exports it for the domain.
 */

export const CHECK_NAMES = [
  "kill_switch",
  "dnc",
  "lead",
  "opt_out",
  "consent",
  "business_hours",
  "state_rules",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const GATE_DECISIONS = ["allow", "block", "reschedule"] as const;
export type GateDecisionKind = (typeof GATE_DECISIONS)[number];

/** A fact a check rested on: a rule id, a local time, a zone, a consent id, a count, a list of rule ids. */
export const ZGateFact = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const ZGateFacts = z.record(z.string(), ZGateFact);

export const ZGateCheckResult = z
  .object({
    name: z.enum(CHECK_NAMES),
    ok: z.boolean(),
    /** The check's reason code ("not_run" when an earlier check blocked). */
    code: z.string().max(80),
    facts: ZGateFacts,
  })
  .strict();

const decisionMetadata = z
  .object({
    decisionId: z.string(),
    decision: z.enum(GATE_DECISIONS),
    /** The deciding reason code ("allowed" when every check passed). */
    reason: z.string(),
    phone: z.string(),
    contactId: z.string().nullable(),
    campaignId: z.string().nullable(),
    messageId: z.string().nullable(),
    sendAfter: z.string().nullable(),
    checks: z.array(ZGateCheckResult),
    /** "request" (the API or the panel) or "worker" (re-run at send time). */
    via: z.enum(["request", "worker"]),
    /**
     * Set on a block recorded on its own after the gate's transaction failed ("record_failed": the decision could
     * not be written with it; "transaction_failed": the work after it rolled back): the checks are as evaluated.
     */
    failure: z.enum(["record_failed", "transaction_failed"]).optional(),
  })
  .strict();

const messageMetadata = z
  .object({
    messageId: z.string(),
    phone: z.string(),
    campaignId: z.string().nullable(),
    decisionId: z.string().nullable().optional(),
    sender: z.string().optional(),
    providerMessageId: z.string().optional(),
    attempts: z.number().int().optional(),
    /** A short, body-free error description (provider error code and status). */
    error: z.string().max(500).optional(),
    /** Why a pending message was cancelled. */
    reason: z.enum(["contact_deleted", "dnc_added", "opted_out", "consent_revoked", "manual"]).optional(),
  })
  .strict();

const contactFields = z
  .object({
    name: z.string().optional(),
    state: z.string().nullable().optional(),
    zip: z.string().nullable().optional(),
    timeZone: z.string().nullable().optional(),
  })
  .strict();
const contactMetadata = z.object({ phone: z.string() }).extend(contactFields.shape).strict();
const contactChange = z.object({ phone: z.string(), before: contactFields, after: contactFields }).strict();
const optOutMetadata = z
  .object({
    phone: z.string(),
    channel: z.string(),
    keyword: z.string().nullable().optional(),
    cancelledMessages: z.number().int().nonnegative().optional(),
  })
  .strict();
const consentMetadata = z
  .object({
    consentId: z.string(),
    phone: z.string(),
    channel: z.string(),
    source: z.string(),
    grantedAt: z.string(),
    formId: z.string().nullable().optional(),
    ip: z.string().nullable().optional(),
  })
  .strict();
const dncMetadata = z
  .object({
    phone: z.string(),
    reason: z.string(),
    source: z.string(),
    cancelledMessages: z.number().int().nonnegative().optional(),
  })
  .strict();
const campaignFields = z
  .object({
    name: z.string(),
    purpose: z.enum(["marketing", "informational"]),
    states: z.array(z.string()),
    ruleOverrides: z.record(z.string(), z.unknown()),
    maxPer24h: z.number().int().nullable(),
  })
  .strict();
const campaignChange = z
  .object({ name: z.string(), before: campaignFields.partial(), after: campaignFields.partial() })
  .strict();

export const MESSAGING_AUDIT_EVENTS = {
  /** The gate's decisions (lib/messaging/gate): every check's code and facts, never the body. */
  "message.allowed": { category: "compliance", metadata: decisionMetadata },
  "message.blocked": { category: "compliance", metadata: decisionMetadata },
  "message.rescheduled": { category: "compliance", metadata: decisionMetadata },
  /** Handed to the sender (outbox or Twilio) and accepted by it. */
  "message.sent": { category: "compliance", metadata: messageMetadata },
  "message.send_failed": { category: "compliance", metadata: messageMetadata },
  /** A pending (scheduled) message ended before sending: the number was deleted, put on the DNC list or opted out. */
  "message.cancelled": { category: "compliance", metadata: messageMetadata },

  "contact.created": { category: "compliance", metadata: contactMetadata },
  "contact.updated": { category: "compliance", metadata: contactChange },
  "contact.deleted": {
    category: "compliance",
    metadata: contactMetadata.extend({ cancelledMessages: z.number().int().nonnegative() }).strict(),
  },
  "contact.opted_out": { category: "compliance", metadata: optOutMetadata },
  "contact.opted_in": { category: "compliance", metadata: optOutMetadata },

  "consent.recorded": { category: "compliance", metadata: consentMetadata },
  "consent.revoked": { category: "compliance", metadata: consentMetadata },

  "dnc.added": { category: "compliance", metadata: dncMetadata },
  "dnc.removed": { category: "compliance", metadata: dncMetadata },
  /** The whole DNC list downloaded as CSV: how many numbers left Verity (the list itself is not repeated here). */
  "dnc.exported": { category: "compliance", metadata: z.object({ count: z.number().int().nonnegative() }).strict() },
  /** A CSV import of the DNC list: counts only (the numbers are in the list itself). */
  "dnc.imported": {
    category: "compliance",
    metadata: z
      .object({
        fileName: z.string().optional(),
        rows: z.number().int().nonnegative(),
        added: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
        rejected: z.number().int().nonnegative(),
        cancelledMessages: z.number().int().nonnegative().optional(),
      })
      .strict(),
  },

  "campaign.created": { category: "compliance", metadata: campaignFields },
  "campaign.updated": { category: "compliance", metadata: campaignChange },
  "campaign.archived": { category: "compliance", metadata: z.object({ name: z.string() }).strict() },

  /** The organization's kill switch (owners), or the platform's (`verity messaging kill-switch`, scope "platform"). */
  "kill_switch.changed": {
    category: "compliance",
    metadata: z.object({ scope: z.enum(["org", "platform"]), on: z.boolean(), reason: z.string().nullable() }).strict(),
  },
  "messaging.settings_changed": {
    category: "compliance",
    metadata: z
      .object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })
      .strict(),
  },
  /**
   * A call to the org's Twilio webhook (inbound or status) refused: its signature missing or wrong, its AccountSid
   * not the org's, or Twilio not configured. The reason only: never the signature, the form or the caller's text.
   */
  "messaging.webhook_refused": {
    category: "access",
    metadata: z
      .object({
        webhook: z.enum(["inbound", "status"]),
        reason: z.enum(["twilio_not_configured", "signature_missing", "signature_mismatch", "account_mismatch"]),
      })
      .strict(),
  },
  /** Refused webhook calls past the per-minute number recorded for one org: the rest of that minute's are not. */
  "messaging.webhook_refusals_suppressed": {
    category: "access",
    metadata: z
      .object({ webhook: z.enum(["inbound", "status"]), recordedPerMinute: z.number().int().positive() })
      .strict(),
  },
  /** A reply received: who from, and the opt-out keyword it matched; never its text. */
  "inbound.received": {
    category: "compliance",
    metadata: z
      .object({
        inboundId: z.string(),
        phone: z.string(),
        keyword: z.string().nullable(),
        providerMessageId: z.string().nullable().optional(),
        contactId: z.string().nullable().optional(),
      })
      .strict(),
  },
} as const;
