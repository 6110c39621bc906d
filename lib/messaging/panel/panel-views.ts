/** The messaging screens' view shapes: types only, so client components may import them (nothing server-only). */

export type DncEntryView = { phoneE164: string; reason: string; source: string; addedAt: string; addedBy: string };

export type ConsentView = {
  id: string;
  channel: string;
  source: string;
  textShown: string;
  grantedAt: string;
  ip: string | null;
  formId: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
};
export type ContactView = {
  id: string;
  phoneE164: string;
  name: string;
  state: string | null;
  zip: string | null;
  timeZone: string | null;
  optedOutAt: string | null;
  optOutChannel: string | null;
  createdAt: string;
  consents: ConsentView[];
};

export type CampaignView = {
  id: string;
  name: string;
  purpose: string;
  states: string[];
  maxPer24h: number | null;
  ruleOverrides: string;
  createdAt: string;
  archivedAt: string | null;
};

export type DecisionCheckView = { name: string; ok: boolean; code: string };
export type DecisionView = {
  id: string;
  phoneE164: string;
  decision: string;
  reason: string;
  decidedAt: string;
  sendAfter: string | null;
  campaignId: string | null;
  checks: DecisionCheckView[];
};

export type ReasonCount = { decision: string; reason: string; count: number };
export type MessagingOverview = {
  killSwitch: { on: boolean; changedAt: string | null; changedBy: string | null; reason: string | null };
  platformSwitchOn: boolean;
  /** Since midnight UTC. */
  today: { allow: number; block: number; reschedule: number };
  /** The most frequent reasons of today's blocks and reschedules, most frequent first. */
  topReasons: ReasonCount[];
};
