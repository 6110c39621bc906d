/**
 * When a failed webhook delivery is tried again. Eight attempts over about 28 hours, each delay
 * counted from the attempt before it, so a receiver that is down for a deploy, a night or a day
 * still gets its events (at least once, DESIGN.md invariant 11), and one that is gone for good stops
 * costing us work.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Delay before attempt n + 1, counted from attempt n (the first attempt goes at once). */
export const RETRY_DELAYS_MS = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;

/** ±10%: deliveries that failed together (one receiver down) do not all come back in the same second. */
const JITTER = 0.1;

/**
 * The longest a receiver's Retry-After can postpone one attempt. Retry-After only ever lengthens a
 * delay (a receiver cannot make us retry faster than the schedule), and past a day an event is
 * rarely still useful; the attempt still counts, so the total stays bounded at eight.
 */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

const DELAY_SECONDS = /^\d+$/;
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * How long a `Retry-After` header asks us to wait from `now`, in milliseconds (0 for a date in the
 * past), or null when it is absent or malformed. Both forms of RFC 9110 §10.2.3 are read:
 * delay-seconds, and an HTTP-date in any of its three formats (asctime is GMT without saying so).
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (DELAY_SECONDS.test(text)) return Number(text) * SECOND;
  let at: number;
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) at = Date.parse(text);
  else if (ASCTIME_DATE.test(text)) at = Date.parse(`${text} GMT`);
  else return null;
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - now.getTime());
}

/**
 * When to make the next attempt, given how many attempts have been made (`attempt`, 0 before the
 * first) and the receiver's Retry-After header on the last one; null when all attempts are spent.
 * A Retry-After longer than the scheduled delay wins, capped at MAX_RETRY_AFTER_MS and spread only
 * upwards (never earlier than the receiver asked). `random` returns [0, 1), for tests.
 */
export function nextAttemptAt({
  attempt,
  now,
  retryAfter,
  random = Math.random,
}: {
  attempt: number;
  now: Date;
  retryAfter?: string | null;
  random?: () => number;
}): Date | null {
  if (!Number.isInteger(attempt) || attempt < 0)
    throw new Error(`attempt must be a whole number of attempts made, not ${attempt}`);
  if (attempt >= MAX_ATTEMPTS) return null;
  const scheduled = RETRY_DELAYS_MS[attempt] * (1 + JITTER * (2 * random() - 1));
  const requested = parseRetryAfter(retryAfter, now);
  const delay =
    requested !== null && requested > scheduled
      ? Math.min(requested * (1 + JITTER * random()), MAX_RETRY_AFTER_MS)
      : scheduled;
  return new Date(now.getTime() + Math.round(delay));
}
