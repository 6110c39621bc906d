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

/**
 * What the checks decide about: the recipient's number, the org, the moment, and lookups memoized for the checks
 * that share them (the contact, the campaign, the rules and zones the window check resolved). Every query filters
 * by the org: another org's contact or campaign is not found (tenant isolation, and the gate's "lead not found").
 */
export class GateSubject {
  readonly phone: ParsedPhone | null;
  /** Things a check worked out for a later one (the window check's rules, for the caps). */
  readonly shared = new Map<string, unknown>();
  private contactLookup?: Promise<GateContact | null>;
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

  /** The org's contact with this number, or null. */
  contact(): Promise<GateContact | null> {
    const phone = this.phone;
    if (!phone) return Promise.resolve(null);
    this.contactLookup ??= this.tx.messagingContact.findUnique({
      where: { orgId_phoneE164: { orgId: this.orgId, phoneE164: phone.e164 } },
      select: {
        id: true,
        phoneE164: true,
        state: true,
        zip: true,
        timeZone: true,
        optedOutAt: true,
        optOutChannel: true,
      },
    });
    return this.contactLookup;
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
    if (!this.contactLookup) return null;
    return (await this.contactLookup.catch(() => null))?.id ?? null;
  }
}
