import "server-only";
import { z } from "zod";
import { appendForUser } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { deliverMailAfterCommit, enqueueMail } from "@/lib/mail";
import { confirmEmailAddress } from "./email-verification";
import { clearAllFailedSignIns } from "./lockout";
import { panelUrl } from "./panel-url";
import { hashPassword } from "./password";
import { hitRateLimit } from "./rate-limit";
import { ZEmail, ZSignUp } from "./schemas";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
/** The one answer to every well-formed request: whether the account exists is not revealed. */
export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that address, we've sent a link to reset its password.";
export const INVALID_RESET_LINK =
  "This reset link is invalid, has expired or has already been used. Request a new one.";

export const ZRequestPasswordReset = z.object({ email: ZEmail });
export const ZCompletePasswordReset = z
  .object({
    token: z.string().min(1, INVALID_RESET_LINK).max(128, INVALID_RESET_LINK),
    password: ZSignUp.shape.password,
    confirmPassword: z.string().max(256),
  })
  .refine((fields) => fields.password === fields.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export const RESET_REQUESTS_PER_EMAIL = 3;
const RESET_REQUESTS_PER_IP = 20;
const RESET_WINDOW_MS = 15 * 60 * 1000;

type Options = { input: unknown; context: RequestContext | null; now?: Date };
type ResetEvent = "password.reset_requested" | "password.reset_completed";

/** Evidence in every organization of the user. */
const recordInUserOrgs = (
  tx: Tx,
  user: { id: string; email: string },
  action: ResetEvent,
  context: RequestContext | null,
) => appendForUser(tx, user, { action, context, metadata: {} });

const resetLink = (token: string) => panelUrl(`/reset-password?token=${encodeURIComponent(token)}`);

/**
 * Sends a single-use reset link to a known address. An unknown address gets the same answer and
 * nothing is written or sent. Only the token's SHA-256 is stored: the link lives in the mail alone.
 */
export async function requestPasswordReset({
  input,
  context,
  now = new Date(),
}: Options): Promise<{ message: string }> {
  const { email } = ZRequestPasswordReset.parse(input);
  const db = getDb();
  // Throttled per address and per client, known or not (the same answer either way): nobody can
  // flood someone's inbox, or their organizations' trails, with reset requests.
  const perEmail = await hitRateLimit(db, {
    key: `reset:email:${email}`,
    limit: RESET_REQUESTS_PER_EMAIL,
    windowMs: RESET_WINDOW_MS,
    now,
  });
  const perClient = context?.ip
    ? await hitRateLimit(db, {
        key: `reset:ip:${context.ip}`,
        limit: RESET_REQUESTS_PER_IP,
        windowMs: RESET_WINDOW_MS,
        now,
      })
    : { allowed: true };
  if (!perEmail.allowed || !perClient.allowed) return { message: RESET_REQUESTED_MESSAGE };
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return { message: RESET_REQUESTED_MESSAGE };
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MS);
  await db.$transaction(async (tx) => {
    await tx.passwordReset.create({ data: { userId: user.id, tokenHash, expiresAt } });
    await enqueueMail(tx, {
      to: user.email,
      subject: "Reset your Verity password",
      kind: "password_reset",
      linksExpireAt: expiresAt,
      text: [
        "Someone asked to reset the password of your Verity account.",
        `To choose a new password, open this link within 30 minutes:\n\n${resetLink(token)}\n`,
        "The link works once. If you did not ask for it, ignore this message: your password stays as it is.",
      ].join("\n\n"),
    });
    await recordInUserOrgs(tx, user, "password.reset_requested", context);
  });
  deliverMailAfterCommit();
  return { message: RESET_REQUESTED_MESSAGE };
}

/** Whether a reset link can still be used, so the page can say so before anyone types a password. */
export async function isUsableResetToken(token: string, now = new Date()): Promise<boolean> {
  if (!token || token.length > 128) return false;
  const reset = await getDb().passwordReset.findFirst({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  return !!reset;
}

/**
 * Sets a new password from a reset link. The token is consumed with a compare-and-set, so two
 * requests racing with one link cannot both succeed. Every session of the user ends (whoever
 * knew the old password is signed out), lockouts are lifted, the other outstanding links die, and
 * an unconfirmed address counts as confirmed.
 */
export async function completePasswordReset({ input, context, now = new Date() }: Options): Promise<{ email: string }> {
  const fields = ZCompletePasswordReset.parse(input);
  const tokenHash = hashToken(fields.token);
  const invalidLink = () => new AppError("invalid_input", INVALID_RESET_LINK, { token: [INVALID_RESET_LINK] });
  // Checked before hashing, so that a made-up token costs no argon2 work.
  if (!(await isUsableResetToken(fields.token, now))) throw invalidLink();
  const passwordHash = await hashPassword(fields.password);
  return getDb().$transaction(async (tx) => {
    const consumed = await tx.passwordReset.updateManyAndReturn({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    if (consumed.length !== 1) throw invalidLink();
    const userId = consumed[0].userId;
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: now },
      select: { id: true, email: true },
    });
    await clearAllFailedSignIns(tx, user.email);
    await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await recordInUserOrgs(tx, user, "password.reset_completed", context);
    // The link came through the mailbox: the address is proven, and whoever signed up with it before
    // (an unconfirmed account) no longer knows the password.
    await confirmEmailAddress(tx, user, "password_reset", context, now);
    return { email: user.email };
  });
}
