/**
 * The trail's one time policy (issue 22): instants read as `YYYY-MM-DD HH:MM:SS` in one zone, UTC unless the
 * reader chose their browser's zone, with the zone named in the column header and the exact ISO 8601 instant
 * on hover. The choice is the person's (users.display_time_zone), so every browser they sign in from shows the same
 * zone; the cookie browsers kept before is read only where the person has not chosen yet.
 */
import { canonicalTimeZone } from "@/lib/auth/time-zone-name";

export const TIME_ZONE_COOKIE = "verity_time_zone";
export const UTC = "UTC";

/** A zone the browser's Intl knows (an IANA name such as America/New_York), else UTC: a cookie is client input. */
export function displayZoneOf(value: string | null | undefined): string {
  return canonicalTimeZone(value) ?? UTC;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallTimeOf(ms: number, zone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const two = (n: number) => String(n).padStart(2, "0");

/** `2026-12-05 20:18:07`: the instant as a wall clock in `zone`, the same shape on every screen. */
export function formatInstant(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = wallTimeOf(ms, zone);
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
}

/** `YYYY-MM-DDTHH:MM` in `zone`, what a datetime-local input holds. */
export function wallInputOf(ms: number, zone: string): string {
  const t = wallTimeOf(ms, zone);
  return `${t.year}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
}

/** The instant a wall clock (`YYYY-MM-DDTHH:MM`) in `zone` reads, as UTC ISO 8601 without milliseconds; null if malformed. */
export function instantOfWallTime(wall: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at that wall time: measured once at the guess and again at the corrected instant (DST edges).
  const offsetAt = (ms: number) => {
    const t = wallTimeOf(ms, zone);
    return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Math.floor(ms / 1000) * 1000;
  };
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  return new Date(instant).toISOString().replace(/\.000Z$/, "Z");
}
