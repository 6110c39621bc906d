import "server-only";
import { applicableRules, type MessagingRule, type RuleOverrides } from "@/lib/messaging/rules";
import type { GateFacts } from "../gate-types";
import type { GateSubject } from "../gate-subject";

export type RecipientRules =
  | { ok: true; rules: MessagingRule[]; campaignId: string | null; maxPer24h: number | null }
  | { ok: false; code: "lead_not_found" | "campaign_not_found" | "campaign_archived"; facts: GateFacts };

/**
 * The rules that apply to this message: the federal floor, the recipient's state, the campaign's extra states, its
 * overrides (only ever stricter). Without a campaign a message counts as marketing, the stricter purpose: the gate
 * fails closed. An unknown state applies every state's rules for the purpose (applicableRules). Memoized per decision.
 */
export async function recipientRules(subject: GateSubject): Promise<RecipientRules> {
  const known = subject.shared.get("rules") as RecipientRules | undefined;
  if (known) return known;
  const contact = await subject.contact();
  const campaign = await subject.campaign();
  let result: RecipientRules;
  if (!contact) result = { ok: false, code: "lead_not_found", facts: {} };
  else if (subject.campaignId && !campaign) result = { ok: false, code: "campaign_not_found", facts: {} };
  else if (campaign?.archivedAt)
    result = { ok: false, code: "campaign_archived", facts: { archivedAt: campaign.archivedAt.toISOString() } };
  else {
    const rules = applicableRules({
      state: contact.state,
      campaignStates: campaign?.states ?? [],
      purpose: campaign?.purpose === "informational" ? "informational" : "marketing",
      overrides: (campaign?.ruleOverrides ?? {}) as RuleOverrides,
    });
    result = { ok: true, rules, campaignId: campaign?.id ?? null, maxPer24h: campaign?.maxPer24h ?? null };
  }
  subject.shared.set("rules", result);
  return result;
}
