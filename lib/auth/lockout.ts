import "server-only";
import ipaddr from "ipaddr.js";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";

/** Five consecutive failures lock an account for 15 minutes, doubling with each lockout in a row, up to 24 hours. */
export const MAX_FAILED_SIGN_INS = 5;
const FIRST_LOCKOUT_MS = 15 * 60 * 1000;
const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;

export function lockoutDurationMs(consecutiveLockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.min(consecutiveLockouts, 16), MAX_LOCKOUT_MS);
}

export type FailureOutcome = { failures: number; lockedUntil: Date | null; lockout: number };

/**
 * Whom a lockout applies to: one email address tried from one source. Keyed by the source, a
 * stranger's failures lock the account for the stranger only, never its owner signing in from
 * elsewhere (targeted lockout). The source is the IPv4 address, or the IPv6 /64 (one subscriber's
 * prefix, so hopping between its 2^64 addresses buys no extra guesses).
 */
export type LockoutKey = { email: string; source: string };

export function clientSource(ip: string | null | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`);
  return `${prefix.toString()}/64`;
}

export const lockoutKey = (email: string, ip: string | null | undefined): LockoutKey => ({
  email: email.toLowerCase(),
  source: clientSource(ip),
});

/**
 * Counts a failed sign-in in one statement, whether or not the address has an account (an unknown
 * address locks exactly like a known one, so the lockout reveals nothing). The counters live in the
 * database, shared by every app instance, and concurrent failures cannot both read the same count.
 * The fifth failure locks the (address, source) pair and starts the count again.
 */
export async function recordFailedSignIn(db: Db | Tx, key: LockoutKey, now = new Date()): Promise<FailureOutcome> {
  return (await countFailure(db, key, now, { unlessLocked: false }))!;
}

/**
 * The source under which wrong second-factor codes count: the account itself, whatever address they
 * come from (no client source starts with "*"). Only someone who passed the password reaches that step,
 * so counting per account lets no stranger lock its owner out, and spreading guesses over many
 * addresses buys nothing.
 */
export const SECOND_FACTOR_SOURCE = "*second-factor";
export const secondFactorKey = (email: string): LockoutKey => ({
  email: email.toLowerCase(),
  source: SECOND_FACTOR_SOURCE,
});

/**
 * Claims one second-factor check for the account before the code is looked at, in one statement:
 * counted as a failure up front (so concurrent submissions cannot all read a count below the limit),
 * refused (null) while the account's second factor is locked. The claim that makes five locks the
 * step, yet still gets its check; a right code then clears the count (clearFailedSignIns).
 */
export async function claimSecondFactorCheck(
  db: Db | Tx,
  email: string,
  now = new Date(),
): Promise<FailureOutcome | null> {
  return countFailure(db, secondFactorKey(email), now, { unlessLocked: true });
}

async function countFailure(
  db: Db | Tx,
  key: LockoutKey,
  now: Date,
  { unlessLocked }: { unlessLocked: boolean },
): Promise<FailureOutcome | null> {
  const onlyUnlocked = unlessLocked
    ? Prisma.sql`WHERE l.locked_until IS NULL OR l.locked_until <= ${now}::timestamptz`
    : Prisma.empty;
  const [row] = await db.$queryRaw<
    { failures: number; consecutive_lockouts: number; locked_until: Date | null; locked_now: boolean }[]
  >`
    INSERT INTO sign_in_lockouts AS l (email, source, failures, consecutive_lockouts, locked_until, updated_at)
    VALUES (${key.email}, ${key.source}, 1, 0, NULL, ${now}::timestamptz)
    ON CONFLICT (email, source) DO UPDATE SET
      failures = CASE WHEN l.failures + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE l.failures + 1 END,
      consecutive_lockouts = CASE WHEN l.failures + 1 >= ${MAX_FAILED_SIGN_INS}
        THEN l.consecutive_lockouts + 1 ELSE l.consecutive_lockouts END,
      locked_until = CASE WHEN l.failures + 1 >= ${MAX_FAILED_SIGN_INS}
        THEN ${now}::timestamptz + make_interval(secs => least(
          ${FIRST_LOCKOUT_MS / 1000} * power(2, least(l.consecutive_lockouts, 16)), ${MAX_LOCKOUT_MS / 1000}))
        ELSE l.locked_until END,
      updated_at = ${now}::timestamptz
    ${onlyUnlocked}
    RETURNING failures, consecutive_lockouts, locked_until, (failures = 0) AS locked_now`;
  if (!row) return null;
  return row.locked_now
    ? { failures: MAX_FAILED_SIGN_INS, lockedUntil: row.locked_until, lockout: row.consecutive_lockouts }
    : { failures: row.failures, lockedUntil: null, lockout: row.consecutive_lockouts };
}

/** Until when this address is locked for this source, or null. */
export async function lockedUntil(db: Db | Tx, key: LockoutKey, now = new Date()): Promise<Date | null> {
  const row = await db.signInLockout.findUnique({ where: { email_source: key }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** A complete sign-in (every factor passed) clears the count and the lockout history of its source. */
export async function clearFailedSignIns(db: Db | Tx, key: LockoutKey): Promise<void> {
  await db.signInLockout.deleteMany({ where: key });
}

/** A password reset (the owner proved the mailbox, and the password changed) lifts every source's lockout, the second factor's included. */
export async function clearAllFailedSignIns(db: Db | Tx, email: string): Promise<void> {
  await db.signInLockout.deleteMany({ where: { email: email.toLowerCase() } });
}
