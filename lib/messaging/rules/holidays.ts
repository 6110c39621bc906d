import { DateTime } from "luxon";
import type { HolidayName } from "./types";

type Day = { month: number; day: number };

/** The date of Easter Sunday (Gregorian, the anonymous "Meeus/Jones/Butcher" algorithm). */
function easter(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

/** The nth (1-based; -1 = last) given weekday (1 = Monday … 7 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): DateTime {
  if (nth === -1) {
    const last = DateTime.utc(year, month, 1).endOf("month").startOf("day");
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (nth - 1) });
}

const fixed = (month: number, day: number) => (year: number) => DateTime.utc(year, month, day);
const floating = (month: number, weekday: number, nth: number) => (year: number) =>
  nthWeekday(year, month, weekday, nth);

/**
 * How each named holiday is dated. Fixed-date holidays are also banned on the weekday they are observed on
 * when they fall on a weekend (Saturday → Friday before, Sunday → Monday after): Ala. Code § 1-3-8(a) and the
 * usual state practice; banning both days is the stricter reading.
 */
const HOLIDAYS: Record<HolidayName, { date: (year: number) => DateTime; observed: boolean }> = {
  new_years_day: { date: fixed(1, 1), observed: true },
  battle_of_new_orleans: { date: fixed(1, 8), observed: false },
  robert_e_lee_day: { date: fixed(1, 19), observed: false },
  martin_luther_king_day: { date: floating(1, 1, 3), observed: false },
  washingtons_birthday: { date: floating(2, 1, 3), observed: false },
  mardi_gras: { date: (year) => easter(year).minus({ days: 47 }), observed: false },
  good_friday: { date: (year) => easter(year).minus({ days: 2 }), observed: false },
  confederate_memorial_day: { date: floating(4, 1, 4), observed: false },
  memorial_day: { date: floating(5, 1, -1), observed: false },
  jefferson_davis_birthday: { date: floating(6, 1, 1), observed: false },
  juneteenth: { date: fixed(6, 19), observed: true },
  independence_day: { date: fixed(7, 4), observed: true },
  labor_day: { date: floating(9, 1, 1), observed: false },
  columbus_day: { date: floating(10, 1, 2), observed: false },
  veterans_day: { date: fixed(11, 11), observed: true },
  thanksgiving: { date: floating(11, 4, 4), observed: false },
  day_after_thanksgiving: { date: (year) => nthWeekday(year, 11, 4, 4).plus({ days: 1 }), observed: false },
  christmas_day: { date: fixed(12, 25), observed: true },
};

export const HOLIDAY_LABELS: Record<HolidayName, string> = {
  new_years_day: "New Year's Day",
  battle_of_new_orleans: "Battle of New Orleans (January 8)",
  robert_e_lee_day: "Robert E. Lee Day (January 19)",
  martin_luther_king_day: "Martin Luther King Jr. Day",
  washingtons_birthday: "Washington's Birthday",
  mardi_gras: "Mardi Gras",
  good_friday: "Good Friday",
  confederate_memorial_day: "Confederate Memorial Day (fourth Monday in April)",
  memorial_day: "Memorial Day",
  jefferson_davis_birthday: "Jefferson Davis' Birthday (first Monday in June)",
  juneteenth: "Juneteenth",
  independence_day: "Independence Day",
  labor_day: "Labor Day",
  columbus_day: "Columbus Day",
  veterans_day: "Veterans Day",
  thanksgiving: "Thanksgiving Day",
  day_after_thanksgiving: "the day after Thanksgiving",
  christmas_day: "Christmas Day",
};

const key = (d: Day) => `${d.month}-${d.day}`;
const byYear = new Map<number, Map<string, HolidayName[]>>();

/** Every banned calendar day of a year (month-day → holiday names), observed days included. Cached per year. */
function daysOf(year: number): Map<string, HolidayName[]> {
  const cached = byYear.get(year);
  if (cached) return cached;
  const days = new Map<string, HolidayName[]>();
  const add = (date: DateTime, name: HolidayName) => {
    if (date.year !== year) return;
    const k = key(date);
    days.set(k, [...(days.get(k) ?? []), name]);
  };
  for (const [name, spec] of Object.entries(HOLIDAYS) as [HolidayName, (typeof HOLIDAYS)[HolidayName]][]) {
    // The year before and after too: New Year's Day on a Saturday is observed on December 31.
    for (const y of [year - 1, year, year + 1]) {
      const date = spec.date(y);
      add(date, name);
      if (spec.observed && date.weekday === 6) add(date.minus({ days: 1 }), name);
      if (spec.observed && date.weekday === 7) add(date.plus({ days: 1 }), name);
    }
  }
  byYear.set(year, days);
  return days;
}

/** The first of `names` that falls on this calendar date (the recipient's local date), or null. */
export function holidayOn(
  date: { year: number; month: number; day: number },
  names: readonly HolidayName[],
): HolidayName | null {
  if (names.length === 0) return null;
  const on = daysOf(date.year).get(key(date)) ?? [];
  return names.find((name) => on.includes(name)) ?? null;
}
