import "server-only";
import { z } from "zod";
import { appendForUser } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { deliverMailAfterCommit, enqueueMail } from "@/lib/mail";
import { panelUrl } from "./panel-url";
import { hitRateLimit } from "./rate-limit";

export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
export const INVALID_VERIFICATION_LINK =
  "This confirmation link is invalid, has expired or has already been used. Sign in with your email and password to receive a new one.";
export const ZVerifyEmail = z.object({
  token: z.string().min(1, INVALID_VERIFICATION_LINK).max(128, INVALID_VERIFICATION_LINK),
});

/** Links re-sent when an unconfirmed account signs in with its password: enough to recover a lost mail, not a mail cannon. */
const RESENDS_PER_ACCOUNT = 3;
const RESEND_WINDOW_MS = 60 * 60 * 1000;

type Account = { id: string; email: string };
export type EmailProof = "link" | "password_reset" | "first_account";

const verificationLink = (token: string) => panelUrl(`/verify-email?token=${encodeURIComponent(token)}`);

/**
 * Mails a single-use link that proves the address, in the caller's transaction (no link without the
 * account, no account without its mail). Only the token's SHA-256 is stored: the link lives in the mail.
 */
export async function sendEmailVerification(tx: Tx, user: Account, now = new Date()): Promise<void> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS);
  await tx.emailVerification.create({ data: { userId: user.id, tokenHash, expiresAt } });
  await enqueueMail(tx, {
    to: user.email,
    subject: "Confirm your email address for Verity",
    kind: "email_verification",
    linksExpireAt: expiresAt,
    text: [
      `Someone, probably you, created a Verity account with ${user.email}.`,
      `To confirm that this address is yours and start using the account, open this link within 24 hours:\n\n${verificationLink(token)}\n`,
      "The link works once. If you did not create this account yourself, just now, do not open the link: " +
        "confirming would hand an account in your name to whoever created it. Ignore this message instead: " +
        "until the address is confirmed, nobody can sign in to it.",
    ].join("\n\n"),
  });
}

/**
 * A new link for an unconfirmed account whose password was just given (a lost or expired mail),
 * at most a few per hour. The answer on the screen is the same whether or not one was sent.
 */
export async function resendEmailVerification(db: Db, user: Account, now = new Date()): Promise<void> {
  const budget = await hitRateLimit(db, {
    key: `verify-email:resend:${user.id}`,
    limit: RESENDS_PER_ACCOUNT,
    windowMs: RESEND_WINDOW_MS,
    now,
  });
  if (!budget.allowed) return;
  await db.$transaction((tx) => sendEmailVerification(tx, user, now));
  deliverMailAfterCommit();
}

/** Marks the address proven, once, and records how (in every organization of the user). */
export async function confirmEmailAddress(
  tx: Tx,
  user: Account,
  via: EmailProof,
  context: RequestContext | null,
  now = new Date(),
): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { id: user.id, emailVerifiedAt: null },
    data: { emailVerifiedAt: now },
  });
  if (count === 1) await appendForUser(tx, user, { action: "user.email_verified", context, metadata: { via } });
  return count === 1;
}

/** Whether a confirmation link can still be used, so the page can say so before anyone presses a button. */
export async function isUsableVerificationToken(token: string, now = new Date()): Promise<boolean> {
  if (!ZVerifyEmail.safeParse({ token }).success) return false;
  const row = await getDb().emailVerification.findFirst({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  return !!row;
}

/**
 * Follows a confirmation link: the token is consumed with a compare-and-set (two clicks racing, one
 * wins), the address is marked proven, and the account's other outstanding links die. It opens no
 * session: the link proves the mailbox, not the password.
 */
export async function verifyEmail({
  input,
  context,
  now = new Date(),
}: {
  input: unknown;
  context: RequestContext | null;
  now?: Date;
}): Promise<{ email: string }> {
  const { token } = ZVerifyEmail.parse(input);
  return getDb().$transaction(async (tx) => {
    const consumed = await tx.emailVerification.updateManyAndReturn({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    if (consumed.length !== 1)
      throw new AppError("invalid_input", INVALID_VERIFICATION_LINK, { token: [INVALID_VERIFICATION_LINK] });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: consumed[0].userId },
      select: { id: true, email: true },
    });
    await tx.emailVerification.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await confirmEmailAddress(tx, user, "link", context, now);
    return { email: user.email };
  });
}
