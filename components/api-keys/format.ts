/** UTC to the minute, as the rest of the panel shows times (the same on the server and in the browser). */
export function utc(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "in 89 days", "in 5 h", "3 min ago": relative to the server's `now`, passed down as a prop, so the
 * server render and the browser's hydration agree.
 */
export function relative(iso: string, now: string): string {
  const delta = new Date(iso).getTime() - new Date(now).getTime();
  const size = Math.abs(delta);
  const amount =
    size < MINUTE
      ? null
      : size < HOUR
        ? `${Math.floor(size / MINUTE)} min`
        : size < 2 * DAY
          ? `${Math.floor(size / HOUR)} h`
          : `${Math.floor(size / DAY)} days`;
  if (amount === null) return "just now";
  return delta > 0 ? `in ${amount}` : `${amount} ago`;
}

/** How a key is recognised without being usable: its display prefix and last four characters. */
export function maskedKey(key: { prefix: string; last4: string }): string {
  return `${key.prefix}…${key.last4}`;
}
