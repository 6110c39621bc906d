/**
 * The shapes of Verity's messaging rules (lib/messaging/rules): pure data and pure functions, no database, no
 * "server-only", so the gate, the worker, the REST layer and the screens all read the same table.
 */

/** A USPS state code (FL, CA, …) or "US" for the federal floor. */
export type Jurisdiction = string;

export type MessagePurpose = "marketing" | "informational";

/** Local wall-clock times "HH:MM" (24 h). `start` is inclusive, `end` exclusive: 08:00–20:00 permits 08:00 to 19:59:59. */
export type SendWindow = { start: string; end: string };

export type CapScope = "same_subject" | "any";

/** The named holidays a rule may ban (see holidays.ts for how each is dated). */
export type HolidayName =
  | "new_years_day"
  | "battle_of_new_orleans"
  | "robert_e_lee_day"
  | "martin_luther_king_day"
  | "washingtons_birthday"
  | "mardi_gras"
  | "good_friday"
  | "confederate_memorial_day"
  | "memorial_day"
  | "jefferson_davis_birthday"
  | "juneteenth"
  | "independence_day"
  | "labor_day"
  | "columbus_day"
  | "veterans_day"
  | "thanksgiving"
  | "day_after_thanksgiving"
  | "christmas_day";

export type MessagingRule = {
  /** Stable id ("us-tcpa-hours", "fl-ftsa", …): campaigns override rules by id and decisions record it. */
  id: string;
  jurisdiction: Jurisdiction;
  appliesTo: readonly MessagePurpose[];
  window?: SendWindow;
  /** At most this many messages to one number in any rolling 24 hours. */
  maxPer24h?: number;
  /** What the cap counts: messages on the same subject (the same campaign) or any message from the org. */
  capScope?: CapScope;
  noSundays?: boolean;
  noHolidays?: readonly HolidayName[];
  /** The citation the rule rests on. */
  statute: string;
  /** Where the row is Verity's reading of the statute, or a caveat. */
  note?: string;
  /** Set by applicableRules when a campaign override tightened this row. */
  overridden?: boolean;
};

export type RuleOverride = { window?: SendWindow; maxPer24h?: number };
export type RuleOverrides = Record<string, RuleOverride>;

export type ResolvedZones = {
  /** IANA zones the recipient may be in; several = ambiguous, every rule must hold in all of them. */
  zones: string[];
  source: "given" | "zip" | "state" | "area_code" | "unknown";
  ambiguous: boolean;
};

export type LocalTime = {
  zone: string;
  /** ISO local time with offset, e.g. 2027-03-14T08:00:00.000-04:00 */ time: string;
};

export type WindowBlockReason = "outside_hours" | "sunday" | "holiday" | "time_zone_unknown";

export type WindowResult =
  | { ok: true; local: LocalTime[]; ruleIds: string[] }
  | {
      ok: false;
      reason: WindowBlockReason;
      /** The next permitted minute in every zone under every rule; absent when the zone is unknown. */
      sendAfter?: Date;
      /** sendAfter as wall-clock time in each zone (for the record and the screens). */
      sendAfterLocal?: LocalTime[];
      local: LocalTime[];
      /** The rules that block now. */
      ruleIds: string[];
    };

export type FrequencyCapResult =
  { ok: true } | { ok: false; ruleId: string; limit: number; count: number; sendAfter: Date };

export type OverrideError = { ruleId: string; field: "ruleId" | "window" | "maxPer24h"; message: string };
