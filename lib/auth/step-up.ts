import "server-only";
import { appendForUser, appendForUserOnItsOwn } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { verifyPassword } from "./password";
import { hitRateLimit } from "./rate-limit";
import { consumeRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { consumeTotpCode } from "./totp";

/** Step-up attempts one user may make per window, whatever their outcome. */
export const STEP_UP_ATTEMPTS = 10;
const STEP_UP_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

/** How long a step-up lasts: sensitive actions need a password (and second factor) this recent. */
export const STEP_UP_WINDOW_MS = 5 * 60 * 1000;

type StepUpPrincipal = { userId: string; sessionId: string; email: string };

export async function hasRecentStepUp(db: Db | Tx, sessionId: string, nowMs = Date.now()): Promise<boolean> {
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { steppedUpAt: true } });
  return !!session?.steppedUpAt && nowMs - session.steppedUpAt.getTime() < STEP_UP_WINDOW_MS;
}

const STEP_UP_REQUIRED = "Confirm it's you: re-enter your password (and a second-factor code) to continue.";

/** For services behind a sensitive action: throws step_up_required (403) unless the session stepped up recently. */
export async function requireStepUp(principal: StepUpPrincipal): Promise<void> {
  if (!(await hasRecentStepUp(getDb(), principal.sessionId))) throw new AppError("step_up_required", STEP_UP_REQUIRED);
}

/**
 * The same check from inside a service's transaction, whatever the adapter (panel action or REST), read
 * through `tx`: the embedded database serves one transaction at a time. An API key has no session and no
 * password to confirm, so it never passes: what needs a step-up is done by a person in the panel.
 */
export async function requireRecentStepUp(
  tx: Tx,
  principal: { type: "user"; sessionId: string } | { type: "api_key" },
): Promise<void> {
  if (principal.type === "api_key") {
    throw new AppError(
      "step_up_required",
      "This needs a person who has just confirmed it's them in the panel; an API key cannot do it.",
    );
  }
  if (!(await hasRecentStepUp(tx, principal.sessionId))) throw new AppError("step_up_required", STEP_UP_REQUIRED);
}

/** The outcome, for every organization of the user: step-ups are authentication evidence. */
function stepUpEvent(context: RequestContext, outcome: "success" | "failure", metadata: Record<string, unknown>) {
  return { action: outcome === "success" ? "step_up.passed" : "step_up.failed", outcome, context, metadata } as const;
}
const userOf = (principal: StepUpPrincipal) => ({ id: principal.userId, email: principal.email });

/**
 * Re-authentication for the current session: the password, plus a TOTP or recovery code when the
 * user has a second factor. On success the session may perform sensitive actions for five minutes.
 */
export async function stepUp({
  principal,
  password,
  code,
  context,
}: {
  principal: StepUpPrincipal;
  password: string;
  code?: string;
  context: RequestContext;
}): Promise<{ ok: true } | { ok: false; error: string }> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: { passwordHash: true, totpEnabledAt: true },
  });
  const fail = async (reason: string, error: string) => {
    await appendForUserOnItsOwn(db, userOf(principal), stepUpEvent(context, "failure", { reason }));
    return { ok: false as const, error };
  };
  // A stolen session must not become an unlimited password-guessing oracle.
  const attempts = await hitRateLimit(db, {
    key: `step-up:user:${principal.userId}`,
    limit: STEP_UP_ATTEMPTS,
    windowMs: STEP_UP_ATTEMPT_WINDOW_MS,
  });
  if (!attempts.allowed) {
    return fail(
      "throttled",
      `Too many attempts. Try again after ${attempts.retryAt!.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
    );
  }
  if (!(await verifyPassword(user.passwordHash, password)))
    return fail("wrong_password", "That password is not correct.");

  let method: "password" | "password_totp" | "password_recovery_code" = "password";
  if (user.totpEnabledAt) {
    if (!code) return fail("second_factor_missing", "Enter the code from your authenticator app or a recovery code.");
    if (looksLikeRecoveryCode(code)) {
      if (!(await consumeRecoveryCode(db, principal.userId, code)).ok)
        return fail("wrong_second_factor", "That code is not valid.");
      method = "password_recovery_code";
    } else {
      if (!(await consumeTotpCode(db, principal.userId, code.trim())))
        return fail("wrong_second_factor", "That code is not valid.");
      method = "password_totp";
    }
  }
  // The session's new power and the evidence of how it was earned commit together.
  await db.$transaction(async (tx) => {
    await tx.session.updateMany({
      where: { id: principal.sessionId, revokedAt: null },
      data: { steppedUpAt: new Date() },
    });
    await appendForUser(tx, userOf(principal), stepUpEvent(context, "success", { method }));
  });
  return { ok: true };
}
