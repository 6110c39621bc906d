import { DateTime, IANAZone } from "luxon";
import { windowMinutes } from "./clock";
import { holidayOn } from "./holidays";
import type { LocalTime, MessagingRule, WindowBlockReason, WindowResult } from "./types";

/** How far ahead the next permitted minute is looked for (Sundays, holiday runs and DST days fit well inside). */
const HORIZON_DAYS = 21;
const MINUTE = 60_000;

type Block = { reason: Exclude<WindowBlockReason, "time_zone_unknown">; ruleIds: string[] };
const SEVERITY: Block["reason"][] = ["holiday", "sunday", "outside_hours"];

/** Why `at` is not a permitted instant in some zone under some rule, or null when every rule holds in every zone. */
function blockAt(at: number, zones: readonly string[], rules: readonly MessagingRule[]): Block | null {
  const found = new Map<Block["reason"], Set<string>>();
  const note = (reason: Block["reason"], ruleId: string) =>
    found.set(reason, (found.get(reason) ?? new Set()).add(ruleId));
  for (const zone of zones) {
    const local = DateTime.fromMillis(at, { zone });
    const minute = local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / MINUTE;
    for (const rule of rules) {
      if (rule.noHolidays && holidayOn(local, rule.noHolidays)) note("holiday", rule.id);
      if (rule.noSundays && local.weekday === 7) note("sunday", rule.id);
      if (rule.window) {
        const { start, end } = windowMinutes(rule.window);
        if (minute < start || minute >= end) note("outside_hours", rule.id);
      }
    }
  }
  const reason = SEVERITY.find((candidate) => found.has(candidate));
  return reason ? { reason, ruleIds: [...(found.get(reason) ?? [])] } : null;
}

/**
 * The first instant of a local calendar day whose wall clock reads `minutes` or later. Usually that wall time
 * itself; when it falls in a skipped hour (spring forward) it is the transition instant, e.g. 03:00 for 02:30.
 */
function firstInstantAtOrAfter(day: DateTime, minutes: number): number | null {
  if (minutes >= 24 * 60) return null;
  const wanted = day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
  const reads = (dt: DateTime) => dt.hour * 60 + dt.minute;
  if (wanted.hasSame(day, "day") && reads(wanted) === minutes) return wanted.toMillis();
  // In a gap: luxon moved the wall time forward; walk back to the first minute of the day at or past `minutes`.
  let at = wanted;
  for (let step = 0; step < 240; step++) {
    const before = at.minus({ minutes: 1 });
    if (!before.hasSame(day, "day") || reads(before) < minutes) break;
    at = before;
  }
  return at.toMillis();
}

/** Instants at which a zone's permitted time can begin: each local day's midnight and each window start. */
function candidateStarts(now: number, zones: readonly string[], rules: readonly MessagingRule[]): number[] {
  const starts = new Set<number>([0]);
  for (const rule of rules) if (rule.window) starts.add(windowMinutes(rule.window).start);
  const found = new Set<number>();
  for (const zone of zones) {
    const today = DateTime.fromMillis(now, { zone }).startOf("day");
    for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
      const day = today.plus({ days: offset }).startOf("day");
      for (const minutes of starts) {
        const at = firstInstantAtOrAfter(day, minutes);
        if (at !== null && at > now) found.add(at);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

const localTimes = (at: number, zones: readonly string[]): LocalTime[] =>
  zones.map((zone) => ({ zone, time: DateTime.fromMillis(at, { zone }).toISO() ?? "" }));

/**
 * May a message go now, under every rule, in every candidate zone of the recipient? Windows are local wall
 * clock, start inclusive and end exclusive (08:00–20:00 permits 08:00:00 through 19:59:59.999). When not,
 * `sendAfter` is the next permitted minute: the earliest instant after `now` at which every rule holds in every
 * zone (a permitted set's left edge is always a local midnight or a window start in some zone, so those are
 * the only candidates; each is checked in full, so DST days and skipped hours cannot yield a forbidden minute).
 * No candidate within HORIZON_DAYS, or no known zone, gives no sendAfter.
 */
export function checkSendWindow(input: { now: Date; zones: string[]; rules: MessagingRule[] }): WindowResult {
  const now = input.now.getTime();
  const zones = [...new Set(input.zones)];
  if (!Number.isFinite(now) || zones.length === 0 || zones.some((zone) => !IANAZone.isValidZone(zone))) {
    return { ok: false, reason: "time_zone_unknown", local: [], ruleIds: [] };
  }
  const local = localTimes(now, zones);
  const block = blockAt(now, zones, input.rules);
  if (!block) return { ok: true, local, ruleIds: input.rules.map((rule) => rule.id) };
  const sendAfter = candidateStarts(now, zones, input.rules).find((at) => blockAt(at, zones, input.rules) === null);
  return {
    ok: false,
    reason: block.reason,
    ...(sendAfter === undefined
      ? {}
      : { sendAfter: new Date(sendAfter), sendAfterLocal: localTimes(sendAfter, zones) }),
    local,
    ruleIds: block.ruleIds,
  };
}
