import { instantOfWallTime, wallInputOf } from "./display-time";

/**
 * The range picker writes the search's own `created:` qualifier, so what is shared in `?q=` is what runs: a
 * preset becomes `created:>=<its start, UTC>` (a fixed instant: a link opened tomorrow shows the same entries),
 * a custom range `created:<from>..<to>` from two wall times read in the zone the times are shown in.
 */

export const RANGE_PRESETS = [
  { id: "1h", label: "Last hour", ms: 60 * 60_000 },
  { id: "24h", label: "Last 24 hours", ms: 24 * 60 * 60_000 },
  { id: "7d", label: "Last 7 days", ms: 7 * 24 * 60 * 60_000 },
  { id: "30d", label: "Last 30 days", ms: 30 * 24 * 60 * 60_000 },
] as const;
export type RangePresetId = (typeof RANGE_PRESETS)[number]["id"];

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");

/** `>=2026-12-07T05:41:00Z` for "Last hour" at 06:41:00Z. */
export function presetCreatedValue(id: RangePresetId, now: number): string {
  const preset = RANGE_PRESETS.find((candidate) => candidate.id === id)!;
  return `>=${isoSeconds(now - preset.ms)}`;
}

/** The `created:` value for two wall times (`YYYY-MM-DDTHH:MM`, either may be empty) in `zone`; null: no range. */
export function customCreatedValue(from: string, to: string, zone: string): string | null {
  const since = from ? instantOfWallTime(from, zone) : null;
  const until = to ? instantOfWallTime(to, zone) : null;
  if (since && until) return `${since}..${until}`;
  if (since) return `>=${since}`;
  if (until) return `<=${until}`;
  return null;
}

/**
 * What a datetime-local input shows for a parsed `created:` interval (since inclusive, until exclusive, both
 * microsecond ISO strings): the wall times in `zone`; an end exactly on a boundary (a whole day) shows the
 * minute before it, so `created:2026-12-05` reads 00:00 to 23:59.
 */
export function wallRangeOf(since: string, until: string, zone: string): { from: string; to: string } {
  const untilMs = until ? Date.parse(until) - (/\.0+Z$|:\d\dZ$/.test(until) ? 1 : 0) : NaN;
  return {
    from: since ? wallInputOf(Date.parse(since), zone) : "",
    to: Number.isNaN(untilMs) ? "" : wallInputOf(untilMs, zone),
  };
}
