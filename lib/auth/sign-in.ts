import "server-only";
import { FAILED_SIGN_INS_ALERT_AT, raiseAlertForUser } from "@/lib/security-alerts/raise-alert-for-user";
import { appendForUser, appendForUserOnItsOwn } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { resendEmailVerification } from "./email-verification";
import {
  claimSecondFactorCheck,
  clearFailedSignIns,
  clientSource,
  lockedUntil as lockedUntilFor,
  lockoutKey,
  recordFailedSignIn,
  secondFactorKey,
  type FailureOutcome,
  type LockoutKey,
} from "./lockout";
import { decoyHash, verifyPassword } from "./password";
import { hitRateLimit } from "./rate-limit";
import type { SignInStep } from "./sign-in-step";
import { consumeRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { ZSignIn } from "./schemas";
import { createSession, revokeSession } from "./sessions";
import { consumeTotpCode } from "./totp";

/**
 * Per-client throttling on top of the (account, source) lockout: one client (an IPv4 address, or an
 * IPv6 /64, like the lockout's source) may try this often. Configurable
 * (VERITY_SIGN_IN_IP_LIMIT) for offices behind one address, and for browser tests that sign in often.
 */
export const IP_SIGN_IN_LIMIT = Number(process.env.VERITY_SIGN_IN_IP_LIMIT) || 30;
export const IP_SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Time to enter the second factor, and checks of a code on one challenge, before the password must be entered again. */
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MAX_CHALLENGE_ATTEMPTS = 5;

export type SignInMethod = "password" | "totp" | "recovery_code";
export type { SignInStep };

const INVALID: SignInStep = { status: "invalid", message: "Incorrect email or password." };
const retryMessage = (retryAt: Date, why: string) => ({
  message: `${why} Try again after ${retryAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
  retryAt: retryAt.toISOString(),
});

type AuditedUser = { id: string; email: string };

const locked = (until: Date): SignInStep => ({
  status: "locked",
  ...retryMessage(until, "This account is locked after too many failed sign-ins."),
});
const secondFactorLocked = (until: Date): SignInStep => ({
  status: "locked",
  ...retryMessage(until, "Sign-in to this account is locked after too many wrong codes."),
});
export const UNVERIFIED_MESSAGE =
  "Confirm your email address first: we've sent a new confirmation link to your address. Open it, then sign in.";

/**
 * A wrong password counts towards the lockout of this address from this source (known account or
 * not), and is recorded in the account's trail, with the lockout if it caused one.
 */
async function failPassword(
  db: Db,
  key: LockoutKey,
  user: AuditedUser | null,
  context: RequestContext | null,
  now: Date,
) {
  const outcome = await recordFailedSignIn(db, key, now);
  if (user) await recordFailure(db, user, "wrong_password", outcome, context);
  return outcome.lockedUntil;
}

async function recordFailure(
  db: Db,
  user: AuditedUser,
  reason: "wrong_password" | "wrong_second_factor",
  outcome: FailureOutcome,
  context: RequestContext | null,
) {
  await appendForUserOnItsOwn(db, user, {
    action: "user.sign_in_failed",
    outcome: "failure",
    context,
    metadata: { reason, failures: outcome.failures },
  });
  if (outcome.failures === FAILED_SIGN_INS_ALERT_AT && !outcome.lockedUntil)
    await raiseAlertForUser(db, user, {
      kind: "repeated_failed_sign_ins",
      context,
      detail: `${outcome.failures} failed sign-ins in a row (${reason})`,
    });
  if (!outcome.lockedUntil) return;
  await appendForUserOnItsOwn(db, user, {
    action: "user.locked_out",
    outcome: "failure",
    context,
    metadata: { failures: outcome.failures, lockedUntil: outcome.lockedUntil.toISOString(), lockout: outcome.lockout },
  });
  await raiseAlertForUser(db, user, {
    kind: "sign_in_lockout",
    context,
    detail: `locked until ${outcome.lockedUntil.toISOString()} after ${outcome.failures} failures (lockout ${outcome.lockout})`,
  });
}

async function issueChallenge(db: Db | Tx, userId: string, now: Date, passed: SignInMethod | null): Promise<string> {
  const { token, tokenHash } = newToken();
  await db.signInChallenge.create({
    data: {
      userId,
      tokenHash,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      passedAt: passed ? now : null,
      method: passed,
    },
  });
  return token;
}

/** A grant for a user who has just proved every factor (sign-up, for one): redeemable once by next-auth. */
export const issueSignInGrant = (tx: Tx, userId: string, method: SignInMethod = "password") =>
  issueChallenge(tx, userId, new Date(), method);

/**
 * First step: email and password. An unknown email answers exactly like a known one, lockout
 * included, after the same argon2 work. The lockout is per address and source: a stranger's failures
 * lock the stranger out, not the owner signing in from elsewhere. A correct password opens no session:
 * it yields a second-factor challenge, or, for an account without one, a one-time grant that next-auth
 * redeems for the session; an account whose address is unconfirmed gets a new confirmation link instead.
 */
export async function beginSignIn({
  input,
  context,
  now = new Date(),
}: {
  input: unknown;
  context: RequestContext | null;
  now?: Date;
}): Promise<SignInStep> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return INVALID;
  const db = getDb();
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, email: true, passwordHash: true, totpEnabledAt: true, emailVerifiedAt: true },
  });
  if (context?.ip) {
    const throttle = await hitRateLimit(db, {
      key: `sign-in:ip:${clientSource(context.ip)}`,
      limit: IP_SIGN_IN_LIMIT,
      windowMs: IP_SIGN_IN_WINDOW_MS,
      now,
    });
    if (!throttle.allowed) {
      if (user)
        await appendForUserOnItsOwn(db, user, {
          action: "user.sign_in_failed",
          outcome: "failure",
          context,
          metadata: { reason: "ip_throttled" },
        });
      return {
        status: "throttled",
        ...retryMessage(throttle.retryAt!, "Too many sign-in attempts from your network."),
      };
    }
  }
  const key = lockoutKey(parsed.data.email, context?.ip);
  const lockedUntil = await lockedUntilFor(db, key, now);
  if (lockedUntil) {
    if (user)
      await appendForUserOnItsOwn(db, user, {
        action: "user.sign_in_failed",
        outcome: "failure",
        context,
        metadata: { reason: "account_locked" },
      });
    return locked(lockedUntil);
  }
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyHash()), parsed.data.password);
  if (!user || !passwordMatches) {
    const lockedNow = await failPassword(db, key, user, context, now);
    return lockedNow ? locked(lockedNow) : INVALID;
  }
  if (!user.emailVerifiedAt) {
    // Knowing the password, one may learn that the address awaits confirmation: nothing more.
    await appendForUserOnItsOwn(db, user, {
      action: "user.sign_in_failed",
      outcome: "failure",
      context,
      metadata: { reason: "email_unverified" },
    });
    await resendEmailVerification(db, user, now);
    return { status: "unverified", message: UNVERIFIED_MESSAGE };
  }
  if (user.totpEnabledAt) return { status: "second_factor", challenge: await issueChallenge(db, user.id, now, null) };
  return { status: "ready", grant: await issueChallenge(db, user.id, now, "password") };
}

/**
 * Second step: a TOTP code or a recovery code against the challenge from the first step. Wrong codes
 * count per account, whatever their source (five lock the step for 15 minutes, doubling): only someone
 * who knows the password gets here, so this locks no stranger's target out, and many addresses buy no
 * extra guesses. Each check is claimed before the code is looked at, on the challenge (five per
 * challenge) and on the account, each in one statement, so concurrent submissions cannot outrun either
 * limit.
 */
export async function completeSecondFactor({
  challenge,
  code,
  context,
  now = new Date(),
}: {
  challenge: string;
  code: string;
  context: RequestContext | null;
  now?: Date;
}): Promise<SignInStep> {
  const db = getDb();
  const row = await db.signInChallenge.findUnique({
    where: { tokenHash: hashToken(challenge) },
    include: { user: { select: { id: true, email: true } } },
  });
  const expired: SignInStep = {
    status: "invalid",
    message: "Your sign-in has expired. Enter your email and password again.",
  };
  if (!row || row.usedAt || row.passedAt || row.expiresAt <= now || row.attempts >= MAX_CHALLENGE_ATTEMPTS)
    return expired;
  const user = row.user;
  const until = await lockedUntilFor(db, lockoutKey(user.email, context?.ip), now);
  if (until) return locked(until);
  const { count: claimed } = await db.signInChallenge.updateMany({
    where: {
      id: row.id,
      usedAt: null,
      passedAt: null,
      expiresAt: { gt: now },
      attempts: { lt: MAX_CHALLENGE_ATTEMPTS },
    },
    data: { attempts: { increment: 1 } },
  });
  if (claimed !== 1) return expired;
  const check = await claimSecondFactorCheck(db, user.email, now);
  if (!check) {
    await appendForUserOnItsOwn(db, user, {
      action: "user.sign_in_failed",
      outcome: "failure",
      context,
      metadata: { reason: "account_locked" },
    });
    return secondFactorLocked((await lockedUntilFor(db, secondFactorKey(user.email), now)) ?? now);
  }
  const trimmed = code.trim();
  const recovery = looksLikeRecoveryCode(trimmed);
  const accepted = recovery
    ? await consumeRecoveryCode(db, user.id, trimmed)
    : { ok: await consumeTotpCode(db, user.id, trimmed.replace(/\s/g, ""), now.getTime()), remaining: -1 };
  if (!accepted.ok) {
    await recordFailure(db, user, "wrong_second_factor", check, context);
    if (check.lockedUntil) return secondFactorLocked(check.lockedUntil);
    return {
      status: "invalid",
      message: "That code is not valid. Enter the current code from your authenticator app, or a recovery code.",
    };
  }
  const { count } = await db.signInChallenge.updateMany({
    where: { id: row.id, passedAt: null, usedAt: null },
    data: { passedAt: now, method: recovery ? "recovery_code" : "totp" },
  });
  if (count !== 1) return expired;
  // Both factors passed: the claim this check made, and earlier wrong codes, no longer count.
  await clearFailedSignIns(db, secondFactorKey(user.email));
  if (recovery) {
    await appendForUserOnItsOwn(db, user, {
      action: "mfa.recovery_code_used",
      context,
      metadata: { remaining: accepted.remaining },
    });
    return { status: "ready", grant: challenge, recoveryCodesLeft: accepted.remaining };
  }
  return { status: "ready", grant: challenge };
}

/**
 * What next-auth's authorize() calls: redeems a grant, once, for a session. The session, the cleared
 * failure counts (of this source, and of the account's second factor) and the sign-in entry commit together. An account whose address is
 * unconfirmed never gets a session, whatever grant it holds.
 */
export async function redeemSignInGrant({
  grant,
  context,
  now = new Date(),
}: {
  grant: string;
  context: RequestContext | null;
  now?: Date;
}) {
  return getDb().$transaction(async (tx) => {
    const row = await tx.signInChallenge.findUnique({
      where: { tokenHash: hashToken(grant) },
      include: { user: { select: { id: true, email: true, emailVerifiedAt: true } } },
    });
    if (!row?.passedAt || row.usedAt || row.expiresAt <= now || !row.user.emailVerifiedAt) return null;
    const { count } = await tx.signInChallenge.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) return null;
    await clearFailedSignIns(tx, lockoutKey(row.user.email, context?.ip));
    await clearFailedSignIns(tx, secondFactorKey(row.user.email));
    const session = await createSession(tx, { userId: row.userId, context });
    await appendForUser(tx, row.user, {
      action: "user.signed_in",
      context,
      metadata: { method: (row.method ?? "password") as SignInMethod },
    });
    return { userId: row.userId, sessionId: session.id };
  });
}

export async function signOut({
  userId,
  sessionId,
  context,
}: {
  userId: string;
  sessionId: string;
  context: RequestContext | null;
}) {
  await getDb().$transaction(async (tx) => {
    if (!(await revokeSession(tx, { sessionId, userId }))) return;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
    await appendForUser(tx, user, { action: "user.signed_out", context, metadata: {} });
  });
}
