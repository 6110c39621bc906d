import "server-only";
import { z } from "zod";
import { appendForUser } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { getDb, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { deliverMailAfterCommit, enqueueMail } from "@/lib/mail";
import { panelUrl } from "./panel-url";
import { hitRateLimit } from "./rate-limit";
import { ZEmail } from "./schemas";
import { stepUp } from "./step-up";

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;
export const INVALID_EMAIL_CHANGE_LINK =
  "This link is invalid, has expired or has already been used. Ask for a new one under Your account → Profile.";
/** Requests one person may make per window, taken address or not: nobody's inbox becomes a target. */
export const EMAIL_CHANGE_REQUESTS = 3;
const EMAIL_CHANGE_WINDOW_MS = 60 * 60 * 1000;

export const ZRequestEmailChange = z.object({
  newEmail: ZEmail,
  currentPassword: z.string().min(1, "Enter your current password.").max(256),
  /** Required only when the user has a second factor: a code from the app or a recovery code. */
  code: z.string().trim().max(64).optional(),
});
export const ZConfirmEmailChange = z.object({
  token: z.string().min(1, INVALID_EMAIL_CHANGE_LINK).max(128, INVALID_EMAIL_CHANGE_LINK),
});

type ChangingPrincipal = { userId: string; sessionId: string; email: string };

const changeLink = (token: string) => panelUrl(`/confirm-email-change?token=${encodeURIComponent(token)}`);

/** The address belongs to another account: its owner hears of it, and the screen says what it says for any address. */
async function tellTakenAddress(tx: Tx, to: string) {
  await enqueueMail(tx, {
    to,
    subject: "Someone tried to move a Verity account to your address",
    kind: "email_change_address_taken",
    text: [
      `Someone, perhaps you, asked to change the address of another Verity account to ${to}. This address ` +
        "already has an account, so nothing was changed.",
      `If you meant to sign in to your own account instead:\n\n${panelUrl("/signin")}\n`,
      "If it was not you, you can ignore this message.",
    ].join("\n\n"),
  });
}

async function mailLinkAndNotice(
  tx: Tx,
  user: { id: string; email: string },
  to: string,
  sessionId: string,
  now: Date,
) {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS);
  // One pending change at a time: an earlier link (perhaps to a mistyped address) stops working.
  await tx.emailChange.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
  await tx.emailChange.create({ data: { userId: user.id, newEmail: to, tokenHash, sessionId, expiresAt } });
  await enqueueMail(tx, {
    to,
    subject: "Confirm your new address for Verity",
    kind: "email_change",
    linksExpireAt: expiresAt,
    text: [
      `Someone, probably you, asked to sign in to the Verity account of ${user.email} with ${to} from now on.`,
      `To make the change, open this link within 24 hours:\n\n${changeLink(token)}\n`,
      "The link works once. Until it is opened, nothing changes. If you did not ask for this, ignore this message.",
    ].join("\n\n"),
  });
}

async function noticeToOldAddress(tx: Tx, user: { email: string }, to: string) {
  await enqueueMail(tx, {
    to: user.email,
    subject: "A change of your Verity account's address was requested",
    kind: "email_change_notice",
    text: [
      `Someone signed in to your Verity account asked to change its address from ${user.email} to ${to}.`,
      "The change applies only when the link we sent to the new address is opened; until then you sign in as before.",
      `If this was not you, change your password now and end your other sessions:\n\n${panelUrl("/account/password")}\n`,
    ].join("\n\n"),
  });
}

/**
 * Asks to move the signed-in person's account to a new address. The current password (and second
 * factor, if enrolled) is checked as a step-up, which records its own outcome. A link goes to the new
 * address (only the token's SHA-256 is stored) and a notice to the current one; nothing else changes
 * until the link is opened. An address that already has an account gets a mail saying so and no link,
 * and the screen and the trail answer exactly as for a free address: this reveals no more than sign-up.
 */
export async function requestEmailChange({
  principal,
  input,
  context,
  now = new Date(),
}: {
  principal: ChangingPrincipal;
  input: unknown;
  context: RequestContext;
  now?: Date;
}): Promise<{ pendingEmail: string }> {
  const fields = ZRequestEmailChange.parse(input);
  if (fields.newEmail === principal.email.toLowerCase()) {
    throw new AppError("invalid_input", "That is already your address.", {
      newEmail: ["That is already your address."],
    });
  }
  const proof = await stepUp({ principal, password: fields.currentPassword, code: fields.code || undefined, context });
  if (!proof.ok) throw new AppError("forbidden", proof.error);
  const db = getDb();
  const budget = await hitRateLimit(db, {
    key: `email-change:${principal.userId}`,
    limit: EMAIL_CHANGE_REQUESTS,
    windowMs: EMAIL_CHANGE_WINDOW_MS,
    now,
  });
  if (!budget.allowed) {
    throw new AppError("rate_limited", "You asked for several address changes in the last hour. Try again later.");
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: principal.userId },
      select: { id: true, email: true },
    });
    const taken = await tx.user.findUnique({ where: { email: fields.newEmail }, select: { id: true } });
    if (taken) await tellTakenAddress(tx, fields.newEmail);
    else await mailLinkAndNotice(tx, user, fields.newEmail, principal.sessionId, now);
    // The old address hears of every request, taken address or not: its owner may not have made it.
    await noticeToOldAddress(tx, user, fields.newEmail);
    await appendForUser(tx, user, {
      action: "user.email_change_requested",
      context,
      metadata: { to: fields.newEmail },
    });
  });
  deliverMailAfterCommit();
  return { pendingEmail: fields.newEmail };
}

/** Whether a change link can still be used, so the page can say so before anyone presses a button. */
export async function usableEmailChange(token: string, now = new Date()): Promise<{ newEmail: string } | null> {
  if (!ZConfirmEmailChange.safeParse({ token }).success) return null;
  return getDb().emailChange.findFirst({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
    select: { newEmail: true },
  });
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Follows the link from the new address: the token is consumed with a compare-and-set (two clicks
 * racing, one wins), the account's address changes and counts as proven, and `user.email_changed`
 * (before and after) goes into each of the person's organizations. As after a password change, every
 * session ends except the one that asked for the change; links mailed to the old address (password
 * resets, confirmations, other changes) die with it.
 */
export async function confirmEmailChange({
  input,
  context,
  now = new Date(),
}: {
  input: unknown;
  context: RequestContext | null;
  now?: Date;
}): Promise<{ email: string }> {
  const { token } = ZConfirmEmailChange.parse(input);
  const invalidLink = () =>
    new AppError("invalid_input", INVALID_EMAIL_CHANGE_LINK, { token: [INVALID_EMAIL_CHANGE_LINK] });
  try {
    return await getDb().$transaction(async (tx) => {
      const consumed = await tx.emailChange.updateManyAndReturn({
        where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
        select: { userId: true, newEmail: true, sessionId: true },
      });
      if (consumed.length !== 1) throw invalidLink();
      const { userId, newEmail, sessionId } = consumed[0];
      const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
      const user = await tx.user.update({
        where: { id: userId },
        data: { email: newEmail, emailVerifiedAt: now },
        select: { id: true, email: true },
      });
      await tx.session.updateMany({
        where: { userId, revokedAt: null, id: { not: sessionId } },
        data: { revokedAt: now },
      });
      await tx.emailChange.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
      await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
      await tx.emailVerification.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
      await enqueueMail(tx, {
        to: before.email,
        subject: "Your Verity account's address was changed",
        kind: "email_changed_notice",
        text: [
          `Your Verity account signs in with ${newEmail} from now on, instead of ${before.email}.`,
          "If this was not you, contact the owner of your organization at once.",
        ].join("\n\n"),
      });
      await appendForUser(tx, user, {
        action: "user.email_changed",
        context,
        metadata: { before: { email: before.email }, after: { email: newEmail } },
      });
      return { email: newEmail };
    });
  } catch (error) {
    // Someone signed up with the address after the link was sent: the link proved the mailbox, so saying so reveals nothing new.
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An account with this address was created meanwhile. Nothing was changed.");
    }
    throw error;
  } finally {
    deliverMailAfterCommit();
  }
}
