import "server-only";
import type { Db } from "@/lib/db/client";
import { clientSource } from "./lockout";
import { hitRateLimit } from "./rate-limit";

/**
 * Each sign-up costs a 64 MiB argon2 hash, so sign-ups are counted before any hashing: per client
 * (an IPv4 address or an IPv6 /64) and for the whole instance, in the database so that every app
 * instance counts together. Configurable for offices behind one address and for browser tests.
 */
export const SIGN_UP_IP_LIMIT = Number(process.env.VERITY_SIGN_UP_IP_LIMIT) || 5;
export const SIGN_UP_IP_WINDOW_MS = 60 * 60 * 1000;
export const SIGN_UP_GLOBAL_LIMIT = Number(process.env.VERITY_SIGN_UP_GLOBAL_LIMIT) || 60;
export const SIGN_UP_GLOBAL_WINDOW_MS = 10 * 60 * 1000;
export const SIGN_UP_GLOBAL_KEY = "sign-up:all";
/** Sign-ups one address may receive mail for (a confirmation link, or "you already have an account") per hour. */
export const SIGN_UP_MAILS_PER_EMAIL = 3;

export type SignUpThrottle =
  | { allowed: true }
  /** firstRefusal: the window's first refusal, the one worth recording. */
  | { allowed: false; reason: "ip_throttled" | "globally_throttled"; retryAt: Date; firstRefusal: boolean };

/**
 * The client's own budget is spent first: a refused client does not also eat into the instance's,
 * so one noisy address cannot shut sign-up for everyone.
 */
export async function throttleSignUp(db: Db, { ip, now }: { ip: string | null; now: Date }): Promise<SignUpThrottle> {
  if (ip) {
    const perClient = await hitRateLimit(db, {
      key: `sign-up:ip:${clientSource(ip)}`,
      limit: SIGN_UP_IP_LIMIT,
      windowMs: SIGN_UP_IP_WINDOW_MS,
      now,
    });
    if (!perClient.allowed)
      return {
        allowed: false,
        reason: "ip_throttled",
        retryAt: perClient.retryAt!,
        firstRefusal: perClient.count === SIGN_UP_IP_LIMIT + 1,
      };
  }
  const overall = await hitRateLimit(db, {
    key: SIGN_UP_GLOBAL_KEY,
    limit: SIGN_UP_GLOBAL_LIMIT,
    windowMs: SIGN_UP_GLOBAL_WINDOW_MS,
    now,
  });
  if (!overall.allowed)
    return {
      allowed: false,
      reason: "globally_throttled",
      retryAt: overall.retryAt!,
      firstRefusal: overall.count === SIGN_UP_GLOBAL_LIMIT + 1,
    };
  return { allowed: true };
}

/** Whether this address may be mailed about one more sign-up: nobody can fill someone's inbox by signing up as them. */
export async function mayMailSignUp(db: Db, { email, now }: { email: string; now: Date }): Promise<boolean> {
  return (
    await hitRateLimit(db, {
      key: `sign-up:email:${email}`,
      limit: SIGN_UP_MAILS_PER_EMAIL,
      windowMs: SIGN_UP_IP_WINDOW_MS,
      now,
    })
  ).allowed;
}
