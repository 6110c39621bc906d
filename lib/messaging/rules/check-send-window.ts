import { DateTime } from "luxon";
import { windowMinutes } from "./clock";
import { holidayOn } from "./holidays";
import { addDays, firstInstantAtOrAfter, isValidZone, wallClock } from "./zone-clock";
import type { LocalTime, MessagingRule, WindowBlockReason, WindowResult } from "./types";

/** How far ahead the next permitted minute is looked for (Sundays, holiday runs and DST days fit well inside). */
const HORIZON_DAYS = 21;

type Block = { reason: Exclude<WindowBlockReason, "time_zone_unknown">; ruleIds: string[] };
const SEVERITY: Block["reason"][] = ["holiday", "sunday", "outside_hours"];

/** Why `at` is not a permitted instant in some zone under some rule, or null when every rule holds in every zone. */
function blockAt(at: number, zones: readonly string[], rules: readonly MessagingRule[]): Block | null {
  const found = new Map<Block["reason"], Set<string>>();
  const note = (reason: Block["reason"], ruleId: string) =>
    found.set(reason, (found.get(reason) ?? new Set()).add(ruleId));
  for (const zone of zones) {
    const local = wallClock(zone, at);
    const minute = local.minute;
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
 * The earliest instant after `now` at which every rule holds in every zone. A permitted stretch always begins at
 * a local midnight or a window start in some zone, so only those instants are candidates; they are generated a
 * day at a time (in every zone) and each is checked in full. The search stops once a permitted candidate lies
 * before the next day's earliest midnight in any zone: no later day can offer an earlier one.
 */
function nextPermitted(now: number, zones: readonly string[], rules: readonly MessagingRule[]): number | undefined {
  const starts = new Set<number>([0]);
  for (const rule of rules) if (rule.window) starts.add(windowMinutes(rule.window).start);
  const todays = zones.map((zone) => ({ zone, date: wallClock(zone, now) }));
  let best: number | undefined;
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const candidates: number[] = [];
    for (const { zone, date } of todays) {
      const day = addDays(date, offset);
      for (const minutes of starts) {
        if (minutes >= 24 * 60) continue;
        const at = firstInstantAtOrAfter(zone, day, minutes);
        if (at > now && (best === undefined || at < best)) candidates.push(at);
      }
    }
    candidates.sort((a, b) => a - b);
    const found = candidates.find((at) => blockAt(at, zones, rules) === null);
    if (found !== undefined) best = found;
    if (best !== undefined) {
      const nextDay = Math.min(
        ...todays.map(({ zone, date }) => firstInstantAtOrAfter(zone, addDays(date, offset + 1), 0)),
      );
      if (best <= nextDay) return best;
    }
  }
  return best;
}

const localTimes = (at: number, zones: readonly string[]): LocalTime[] =>
  zones.map((zone) => ({ zone, time: DateTime.fromMillis(at, { zone }).toISO() ?? "" }));

/**
 * May a message go now, under every rule, in every candidate zone of the recipient? Windows are local wall
 * clock, start inclusive and end exclusive (08:00–20:00 permits 08:00:00 through 19:59:59.999). When not,
 * `sendAfter` is the next permitted minute: the earliest instant after `now` at which every rule holds in every
 * zone (see nextPermitted; every candidate is checked in full, so DST days and skipped hours cannot yield a
 * forbidden minute).
 * No candidate within HORIZON_DAYS, or no known zone, gives no sendAfter.
 */
export function checkSendWindow(input: { now: Date; zones: string[]; rules: MessagingRule[] }): WindowResult {
  const now = input.now.getTime();
  const zones = [...new Set(input.zones)];
  if (!Number.isFinite(now) || zones.length === 0 || zones.some((zone) => !isValidZone(zone))) {
    return { ok: false, reason: "time_zone_unknown", local: [], ruleIds: [] };
  }
  const local = localTimes(now, zones);
  const block = blockAt(now, zones, input.rules);
  if (!block) return { ok: true, local, ruleIds: input.rules.map((rule) => rule.id) };
  const sendAfter = nextPermitted(now, zones, input.rules);
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
