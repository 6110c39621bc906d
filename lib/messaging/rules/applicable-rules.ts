import { RULES } from "./rules-table";
import type { MessagePurpose, MessagingRule, RuleOverride, RuleOverrides } from "./types";
import { looserPart } from "./validate-overrides";

export type ApplicableRulesInput = {
  /** The recipient's USPS state, or null when not known: then every state's rules for the purpose apply. */
  state: string | null;
  /** More states whose rules the campaign applies to every recipient. */
  campaignStates: string[];
  purpose: MessagePurpose;
  /** Per rule id; only ever tightens (see validateOverrides). */
  overrides?: RuleOverrides | null;
};

/** The rule with a campaign's override applied, or unchanged when the override would loosen any part of it. */
function tightened(rule: MessagingRule, override: RuleOverride | undefined): MessagingRule {
  if (!override || (!override.window && override.maxPer24h === undefined) || looserPart(rule, override)) return rule;
  return {
    ...rule,
    ...(override.window ? { window: { start: override.window.start, end: override.window.end } } : {}),
    ...(override.maxPer24h !== undefined
      ? { maxPer24h: override.maxPer24h, capScope: rule.capScope ?? "same_subject" }
      : {}),
    overridden: true,
  };
}

/**
 * The rules a message must satisfy: the federal rows for its purpose, the recipient's state's rows and the
 * campaign's extra states' rows, with the campaign's overrides applied where they tighten. An unknown state is
 * the strictest case: every state's rows for the purpose apply (fail closed, not "no state rules").
 */
export function applicableRules(input: ApplicableRulesInput): MessagingRule[] {
  const state = input.state?.trim().toUpperCase() || null;
  const states = new Set([state, ...input.campaignStates.map((code) => code.trim().toUpperCase())]);
  const overrides = input.overrides ?? {};
  return RULES.filter((rule) => rule.appliesTo.includes(input.purpose))
    .filter((rule) => rule.jurisdiction === "US" || state === null || states.has(rule.jurisdiction))
    .map((rule) => tightened(rule, Object.hasOwn(overrides, rule.id) ? overrides[rule.id] : undefined));
}
