import "server-only";
import type { Db, Tx } from "@/lib/db";

/** Five consecutive failures lock an account for 15 minutes, doubling with each lockout in a row, up to 24 hours. */
export const MAX_FAILED_SIGN_INS = 5;
const FIRST_LOCKOUT_MS = 15 * 60 * 1000;
const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;

export function lockoutDurationMs(consecutiveLockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.min(consecutiveLockouts, 16), MAX_LOCKOUT_MS);
}

export type FailureOutcome = { failures: number; lockedUntil: Date | null; lockout: number };

/**
 * Counts a failed sign-in in one statement (the counters live in the database, shared by every app
 * instance, and concurrent failures cannot both read the same count). The fifth failure locks the
 * account and starts the count again.
 */
export async function recordFailedSignIn(db: Db | Tx, userId: string, now = new Date()): Promise<FailureOutcome> {
  const [row] = await db.$queryRaw<{ failed_sign_ins: number; consecutive_lockouts: number; locked_until: Date | null; locked_now: boolean }[]>`
    UPDATE users SET
      failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE failed_sign_ins + 1 END,
      consecutive_lockouts = CASE WHEN failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS} THEN consecutive_lockouts + 1 ELSE consecutive_lockouts END,
      locked_until = CASE WHEN failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS}
        THEN ${now}::timestamptz + make_interval(secs => least(${FIRST_LOCKOUT_MS / 1000} * power(2, least(consecutive_lockouts, 16)), ${MAX_LOCKOUT_MS / 1000}))
        ELSE locked_until END
    WHERE id = ${userId}::uuid
    RETURNING failed_sign_ins, consecutive_lockouts, locked_until, (failed_sign_ins = 0) AS locked_now`;
  return row.locked_now
    ? { failures: MAX_FAILED_SIGN_INS, lockedUntil: row.locked_until, lockout: row.consecutive_lockouts }
    : { failures: row.failed_sign_ins, lockedUntil: null, lockout: row.consecutive_lockouts };
}

/** A complete sign-in (every factor passed) clears the count and the lockout history. */
export async function clearFailedSignIns(db: Db | Tx, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { failedSignIns: 0, consecutiveLockouts: 0, lockedUntil: null } });
}
