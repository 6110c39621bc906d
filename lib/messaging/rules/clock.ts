/** "HH:MM" (00:00–24:00) → minutes after local midnight, or null when malformed. */
export function minutesOf(hhmm: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** minutesOf for a window already validated (the table and applied overrides): throws on a malformed value. */
const parsedWindows = new Map<string, { start: number; end: number }>();
export function windowMinutes(window: { start: string; end: string }): { start: number; end: number } {
  const key = `${window.start}-${window.end}`;
  const known = parsedWindows.get(key);
  if (known) return known;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === null || end === null || start >= end)
    throw new Error(`Malformed send window ${window.start}–${window.end}`);
  if (parsedWindows.size < 1000) parsedWindows.set(key, { start, end });
  return { start, end };
}

/** "08:00" → "8:00 a.m.", "20:00" → "8:00 p.m.", "12:00" → "noon", "24:00" → "midnight". */
export function spokenTime(hhmm: string): string {
  const minutes = minutesOf(hhmm);
  if (minutes === null) return hhmm;
  if (minutes === 12 * 60) return "noon";
  if (minutes === 0 || minutes === 24 * 60) return "midnight";
  const hour = Math.floor(minutes / 60);
  const minute = String(minutes % 60).padStart(2, "0");
  return `${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? "a.m." : "p.m."}`;
}
