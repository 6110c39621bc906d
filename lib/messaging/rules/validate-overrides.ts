import { z } from "zod";
import { minutesOf } from "./clock";
import { RULES } from "./rules-table";
import type { MessagingRule, OverrideError, RuleOverride } from "./types";

const ZClock = z
  .string()
  .refine((value) => minutesOf(value) !== null, { message: "Use HH:MM between 00:00 and 24:00." });

/** A campaign's rule overrides as stored (MessagingCampaign.ruleOverrides) and accepted by the form and the API. */
export const ZRuleOverrides = z.record(
  z.string().min(1).max(64),
  z.strictObject({
    window: z.strictObject({ start: ZClock, end: ZClock }).optional(),
    maxPer24h: z.number().int().min(1).max(1000).optional(),
  }),
);
export type TRuleOverrides = z.infer<typeof ZRuleOverrides>;

/** Why an override does not tighten a rule ("window" / "maxPer24h"), or null when it only ever narrows it. */
export function looserPart(rule: MessagingRule, override: RuleOverride): OverrideError | null {
  if (override.window) {
    const start = minutesOf(override.window.start);
    const end = minutesOf(override.window.end);
    if (start === null || end === null || start >= end) {
      return { ruleId: rule.id, field: "window", message: "The window must start before it ends (HH:MM)." };
    }
    const base = rule.window
      ? { start: minutesOf(rule.window.start) ?? 0, end: minutesOf(rule.window.end) ?? 0 }
      : null;
    if (base && (start < base.start || end > base.end)) {
      return {
        ruleId: rule.id,
        field: "window",
        message: `An override may only narrow ${rule.window?.start}–${rule.window?.end}; a wider window is ignored.`,
      };
    }
  }
  if (override.maxPer24h !== undefined && rule.maxPer24h !== undefined && override.maxPer24h > rule.maxPer24h) {
    return {
      ruleId: rule.id,
      field: "maxPer24h",
      message: `An override may only lower the cap of ${rule.maxPer24h} per 24 hours; a higher cap is ignored.`,
    };
  }
  return null;
}

/**
 * Errors in a campaign's overrides, for the campaign form and API (400 with these as field messages): an
 * unknown rule id, a malformed window or cap, or any override that would loosen a rule. Empty = acceptable.
 * applicableRules ignores the same overrides, so a stored loose override can never widen a window.
 */
export function validateOverrides(overrides: unknown): OverrideError[] {
  const parsed = ZRuleOverrides.safeParse(overrides ?? {});
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const [ruleId, field] = issue.path.map(String);
      const known = field === "window" || field === "maxPer24h" ? field : "ruleId";
      return { ruleId: ruleId ?? "", field: known, message: issue.message };
    });
  }
  const errors: OverrideError[] = [];
  for (const [ruleId, override] of Object.entries(parsed.data)) {
    const rule = RULES.find((row) => row.id === ruleId);
    if (!rule) {
      errors.push({ ruleId, field: "ruleId", message: `There is no rule "${ruleId}".` });
      continue;
    }
    const looser = looserPart(rule, override);
    if (looser) errors.push(looser);
  }
  return errors;
}
