/**
 * Verity's messaging rules: which state and federal rules apply to a message, when it may be sent in the
 * recipient's time zone, and how many may be sent in 24 hours. Pure functions over the table in rules-table.ts.
 */
import type {
  FrequencyCapResult,
  MessagePurpose,
  MessagingRule,
  OverrideError,
  ResolvedZones,
  RuleOverrides,
  WindowResult,
} from "./types";

export type * from "./types";
export { parsePhone, type CountryCode, type ParsedPhone } from "../phone";

export const RULES_VERSION = "2026-12-07.1";

export const RULES: readonly MessagingRule[] = [];

export type ApplicableRulesInput = {
  /** The recipient's USPS state, or null when not known (then every state's rules for the purpose apply: strictest). */
  state: string | null;
  campaignStates: string[];
  purpose: MessagePurpose;
  overrides?: RuleOverrides;
};

export function applicableRules(input: ApplicableRulesInput): MessagingRule[] {
  void input;
  throw new Error("not yet");
}

export function validateOverrides(overrides: unknown): OverrideError[] {
  void overrides;
  throw new Error("not yet");
}

export type TimeZonePlace = { e164: string; state?: string | null; zip?: string | null; timeZone?: string | null };

export async function resolveTimeZones(place: TimeZonePlace): Promise<ResolvedZones> {
  void place;
  throw new Error("not yet");
}

export function checkSendWindow(input: { now: Date; zones: string[]; rules: MessagingRule[] }): WindowResult {
  void input;
  throw new Error("not yet");
}

export type FrequencyCapInput = {
  now: Date;
  rules: MessagingRule[];
  campaignMaxPer24h: number | null;
  /** Send times to this number on the same subject (this campaign) within the last 24 hours. */
  sentSameSubject: Date[];
  /** Send times to this number from the org, any subject, within the last 24 hours. */
  sentAny: Date[];
};

export function checkFrequencyCap(input: FrequencyCapInput): FrequencyCapResult {
  void input;
  throw new Error("not yet");
}

export function describeRule(rule: MessagingRule): string {
  void rule;
  throw new Error("not yet");
}
