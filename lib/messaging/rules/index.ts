/**
 * Verity's messaging rules: which federal and state rules apply to a message, when it may be sent in the
 * recipient's time zone, and how many may be sent in 24 hours. Pure functions over the table in rules-table.ts:
 * no database, no clock of their own (callers pass `now`). resolveTimeZones reads the phone library's data
 * files (Node only); the rest also runs in a browser.
 */
export type * from "./types";
export { parsePhone, type CountryCode, type ParsedPhone } from "../phone";
export { RULES, RULES_VERSION } from "./rules-table";
export { applicableRules, type ApplicableRulesInput } from "./applicable-rules";
export { validateOverrides, ZRuleOverrides, type TRuleOverrides } from "./validate-overrides";
export { resolveTimeZones, type TimeZonePlace } from "./resolve-time-zones";
export { checkSendWindow } from "./check-send-window";
export { checkFrequencyCap, type FrequencyCapInput } from "./check-frequency-cap";
export { describeRule } from "./describe-rule";
export { HOLIDAY_LABELS } from "./holidays";
export { STATE_NAMES, STATE_ZONES } from "./us-zones";
