/** How many times the provider is tried for one message before it fails for good. */
export const MAX_SEND_ATTEMPTS = 5;

/** The pause after failed attempt n (1-based): 30 s, 2 min, 10 min, 30 min. Each retry re-runs the gate first. */
const BACKOFF_SECONDS = [30, 120, 600, 1800];

export function nextSendAttemptAt(now: Date, attemptsMade: number): Date {
  const seconds = BACKOFF_SECONDS[Math.min(attemptsMade, BACKOFF_SECONDS.length) - 1] ?? BACKOFF_SECONDS[0];
  return new Date(now.getTime() + seconds * 1000);
}

/**
 * A claimed message is leased to its worker this long (its sendAfter is pushed this far while it is "sending").
 * Past it, the worker that claimed it stopped mid-send: the message fails as "outcome unknown" rather than going
 * again, since sending an SMS twice is worse than once not at all (a second message counts against the caps).
 */
export const SEND_LEASE_SECONDS = 120;
