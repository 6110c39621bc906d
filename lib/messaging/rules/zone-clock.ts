import { IANAZone } from "luxon";

/**
 * Wall-clock arithmetic for the send window, fast enough for the gate: luxon asks Intl for a zone's offset on
 * every DateTime (tens of microseconds each), so offsets are cached per zone and 15-minute span. A span is
 * cached only when the offset is the same at both of its ends, so a transition inside it (at any instant) is
 * still computed exactly.
 */
const SPAN = 15 * 60_000;
const CACHE_LIMIT = 200_000;
const MINUTE = 60_000;
const cache = new Map<string, number>();

/** The zone's UTC offset in minutes at an instant. */
export function offsetMinutes(zone: string, at: number): number {
  const span = Math.floor(at / SPAN);
  const key = `${zone}|${span}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const iana = IANAZone.create(zone);
  const first = iana.offset(span * SPAN);
  if (first !== iana.offset(span * SPAN + SPAN - 1)) return iana.offset(at);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, first);
  return first;
}

export type LocalDate = { year: number; month: number; day: number };
export type Wall = LocalDate & {
  /** 1 = Monday … 7 = Sunday */ weekday: number;
  /** minutes after local midnight, fractional */ minute: number;
};

/** What a clock in the zone reads at an instant. */
export function wallClock(zone: string, at: number): Wall {
  const shifted = new Date(at + offsetMinutes(zone, at) * MINUTE);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay() || 7,
    minute:
      shifted.getUTCHours() * 60 +
      shifted.getUTCMinutes() +
      (shifted.getUTCSeconds() * 1000 + shifted.getUTCMilliseconds()) / MINUTE,
  };
}

/** A calendar date `days` later (or earlier). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * The first instant at which the zone's clock reads `minutes` after midnight of `date`, or later. Usually that
 * wall time itself (its first occurrence when the clock falls back); when it falls in a skipped stretch
 * (spring forward) it is the transition instant, e.g. 03:00 EDT for a wanted 02:30.
 */
export function firstInstantAtOrAfter(zone: string, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE;
  const around = new Set([
    offsetMinutes(zone, wall - 2 * 86_400_000),
    offsetMinutes(zone, wall),
    offsetMinutes(zone, wall + 2 * 86_400_000),
  ]);
  const tries = [...around].map((offset) => wall - offset * MINUTE);
  const exact = tries.filter((at) => at - wall === -offsetMinutes(zone, at) * MINUTE);
  if (exact.length > 0) return Math.min(...exact);
  // A gap: the clock jumps over `wall` somewhere between the earliest and latest tries; find the jump.
  const local = (at: number) => at + offsetMinutes(zone, at) * MINUTE;
  let low = Math.min(...tries);
  let high = Math.max(...tries);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (local(middle) >= wall) high = middle;
    else low = middle + 1;
  }
  return low;
}

const validZones = new Map<string, boolean>();
/** IANAZone.isValidZone builds an Intl formatter on every call; the answer for a name never changes. */
export function isValidZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validZones.size < 1000) validZones.set(zone, valid);
  }
  return valid;
}
