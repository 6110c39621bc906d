import "server-only";
import type { Tx } from "@/lib/db/client";
import { parsePhone, type ParsedPhone } from "@/lib/messaging/phone";

export type GateContact = {
  id: string;
  phoneE164: string;
  state: string | null;
  zip: string | null;
  timeZone: string | null;
  optedOutAt: Date | null;
  optOutChannel: string | null;
};
export type GateCampaign = {
  id: string;
  purpose: string;
  states: string[];
  ruleOverrides: unknown;
  maxPer24h: number | null;
  archivedAt: Date | null;
};
export type GateConsent = { id: string; grantedAt: Date; source: string };

/**
 * Everything the first five checks read, as the database held it at one moment (one statement's snapshot): the
 * platform's and the org's kill switches, the org's closing, the number's DNC entry, the org's contact with this
 * number and its latest unrevoked SMS consent given before the decision's moment.
 */
export type GateFacts = {
  /** The recipient's advisory lock is held (by this statement, until the transaction ends). */
  recipientLocked: boolean;
  platformSwitch: { on: boolean; changedAt: Date } | null;
  orgSwitch: { on: boolean; changedAt: Date | null } | null;
  org: { deletedAt: Date | null } | null;
  dnc: { source: string; addedAt: Date } | null;
  contact: GateContact | null;
  consent: GateConsent | null;
};

type FactsRow = {
  recipient_locked: boolean;
  platform_on: boolean | null;
  platform_changed_at: Date | null;
  org_switch_on: boolean | null;
  org_switch_changed_at: Date | null;
  org_found: boolean;
  org_deleted_at: Date | null;
  dnc_source: string | null;
  dnc_added_at: Date | null;
  contact_id: string | null;
  contact_phone: string | null;
  contact_state: string | null;
  contact_zip: string | null;
  contact_time_zone: string | null;
  contact_opted_out_at: Date | null;
  contact_opt_out_channel: string | null;
  consent_id: string | null;
  consent_granted_at: Date | null;
  consent_source: string | null;
};

/** The advisory lock key that serializes the caps' count and decision per recipient (state-rules-check.ts). */
export const recipientLockKey = (orgId: string, e164: string) => `messaging-recipient:${orgId}:${e164}`;

/**
 * What the checks decide about: the recipient's number, the org, the moment, and lookups memoized for the checks
 * that share them. Every query filters by the org: another org's contact or campaign is not found (tenant
 * isolation, and the gate's "lead not found").
 *
 * The facts of the first five checks come from one statement (`facts()`), not one query per check: at the
 * issue's scale each query costs a round trip and a trip through the ORM, far more than the index lookups
 * themselves (bench/messaging-gate-profile.ts). The same statement takes the recipient's advisory lock, which
 * the frequency caps' count needs before its own snapshot (the count is the next statement, so it sees every
 * decision committed before the lock was granted). Nothing is cached across decisions: a kill switch turned on,
 * a number added to the list or a consent revoked counts from the next decision on (fail closed).
 */
export class GateSubject {
  readonly phone: ParsedPhone | null;
  /** Things a check worked out for a later one (the window check's rules, for the caps). */
  readonly shared = new Map<string, unknown>();
  private factsLookup?: Promise<GateFacts>;
  private campaignLookup?: Promise<GateCampaign | null>;

  constructor(
    readonly tx: Tx,
    readonly orgId: string,
    readonly to: string,
    readonly now: Date,
    readonly campaignId: string | null,
    /** The message being decided (the worker's gate at send time), left out of what is counted as on its way. */
    readonly messageId: string | null = null,
  ) {
    this.phone = parsePhone(to, "US");
  }

  /** The facts of the first five checks, read once per decision (see the class's comment). */
  facts(): Promise<GateFacts> {
    this.factsLookup ??= this.readFacts();
    return this.factsLookup;
  }

  private async readFacts(): Promise<GateFacts> {
    const { tx, orgId, now } = this;
    const phone = this.phone?.e164 ?? null;
    const lockKey = phone ? recipientLockKey(orgId, phone) : null;
    const rows = await tx.$queryRaw<FactsRow[]>`
      WITH recipient_lock AS (
        SELECT true AS locked, pg_advisory_xact_lock(hashtextextended(${lockKey}::text, 0))
         WHERE ${lockKey}::text IS NOT NULL
      )
      SELECT coalesce(recipient_lock.locked, false) AS recipient_locked, p."on" AS platform_on, p.changed_at AS platform_changed_at,
             s.kill_switch_on AS org_switch_on, s.kill_switch_changed_at AS org_switch_changed_at,
             o.id IS NOT NULL AS org_found, o.deleted_at AS org_deleted_at,
             d.source AS dnc_source, d.added_at AS dnc_added_at,
             c.id::text AS contact_id, c.phone_e164 AS contact_phone, c.state::text AS contact_state,
             c.zip AS contact_zip, c.time_zone AS contact_time_zone, c.opted_out_at AS contact_opted_out_at,
             c.opt_out_channel AS contact_opt_out_channel,
             cs.id::text AS consent_id, cs.granted_at AS consent_granted_at, cs.source AS consent_source
        FROM (SELECT 1) AS one
        LEFT JOIN recipient_lock ON true
        LEFT JOIN messaging_platform_switch p ON p.id = 'platform'
        LEFT JOIN messaging_settings s ON s.org_id = ${orgId}::uuid
        LEFT JOIN organizations o ON o.id = ${orgId}::uuid
        LEFT JOIN messaging_dnc d ON d.org_id = ${orgId}::uuid AND d.phone_e164 = ${phone}::text
        LEFT JOIN messaging_contacts c ON c.org_id = ${orgId}::uuid AND c.phone_e164 = ${phone}::text
        LEFT JOIN LATERAL (
          SELECT id, granted_at, source FROM messaging_consents
           WHERE org_id = ${orgId}::uuid AND contact_id = c.id AND channel = 'sms' AND revoked_at IS NULL
             AND granted_at <= ${now}
           ORDER BY granted_at DESC LIMIT 1
        ) cs ON true`;
    const row = rows[0];
    if (rows.length !== 1 || !row) throw new Error("the gate's facts query must answer one row");
    return {
      recipientLocked: row.recipient_locked,
      platformSwitch:
        row.platform_on === null ? null : { on: row.platform_on, changedAt: row.platform_changed_at ?? now },
      orgSwitch: row.org_switch_on === null ? null : { on: row.org_switch_on, changedAt: row.org_switch_changed_at },
      org: row.org_found ? { deletedAt: row.org_deleted_at } : null,
      dnc: row.dnc_source === null ? null : { source: row.dnc_source, addedAt: row.dnc_added_at ?? now },
      contact:
        row.contact_id === null
          ? null
          : {
              id: row.contact_id,
              phoneE164: row.contact_phone ?? "",
              state: row.contact_state,
              zip: row.contact_zip,
              timeZone: row.contact_time_zone,
              optedOutAt: row.contact_opted_out_at,
              optOutChannel: row.contact_opt_out_channel,
            },
      consent:
        row.consent_id === null || row.consent_granted_at === null
          ? null
          : { id: row.consent_id, grantedAt: row.consent_granted_at, source: row.consent_source ?? "" },
    };
  }

  /** The org's contact with this number, or null. */
  async contact(): Promise<GateContact | null> {
    if (!this.phone) return null;
    return (await this.facts()).contact;
  }

  /** The contact's latest unrevoked SMS consent given at or before the decision's moment, or null. */
  async consent(): Promise<GateConsent | null> {
    if (!this.phone) return null;
    return (await this.facts()).consent;
  }

  /** The org's campaign named by the input (null when none was named or it is not the org's). */
  campaign(): Promise<GateCampaign | null> {
    const campaignId = this.campaignId;
    if (!campaignId) return Promise.resolve(null);
    this.campaignLookup ??= this.tx.messagingCampaign.findFirst({
      where: { id: campaignId, orgId: this.orgId },
      select: { id: true, purpose: true, states: true, ruleOverrides: true, maxPer24h: true, archivedAt: true },
    });
    return this.campaignLookup;
  }

  /** The contact already looked up, if a check did (for the decision row), without querying. */
  async knownContactId(): Promise<string | null> {
    if (!this.factsLookup) return null;
    return (await this.factsLookup.catch(() => null))?.contact?.id ?? null;
  }
}
