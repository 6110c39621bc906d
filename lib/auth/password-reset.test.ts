import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { lockoutKey, MAX_FAILED_SIGN_INS, recordFailedSignIn, secondFactorKey } from "@/lib/auth/lockout";
import { verifyPassword } from "@/lib/auth/password";
import {
  completePasswordReset,
  INVALID_RESET_LINK,
  RESET_REQUESTED_MESSAGE,
  RESET_REQUESTS_PER_EMAIL,
  requestPasswordReset,
} from "@/lib/auth/password-reset";
import { findLiveSession } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db/client";
import { eraseExpiredMailBodies, listOutboxMessages } from "@/lib/mail";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
  delete process.env.SMTP_URL; // mail stays in the outbox, where the test reads it
  process.env.NEXTAUTH_URL = "https://verity.example.test/";
});

const NEW_PASSWORD = "reset to something long 42";
const MINUTE = 60 * 1000;

/** Requests a reset and returns the token from the mail, as the user would. */
async function requestAndReadMail(email: string, now: Date) {
  expect(await requestPasswordReset({ input: { email }, context: testContext, now })).toEqual({
    message: RESET_REQUESTED_MESSAGE,
  });
  const [mail] = await listOutboxMessages({ db, to: email, kind: "password_reset", limit: 1, now });
  const link = mail.text?.match(/https:\/\/verity\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)/);
  expect(link, "the mail carries the reset link").not.toBeNull();
  return { mail, token: link![1] };
}

/** The whole outbox table as a database dump would show it: every row, every column. */
const outboxDump = async () =>
  (await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(m)::text AS row FROM mail_outbox m`)
    .map(({ row }) => row)
    .join("\n");

const complete = (token: string, now: Date, password = NEW_PASSWORD) =>
  completePasswordReset({ input: { token, password, confirmPassword: password }, context: testContext, now });
const storedHash = async (userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } })).passwordHash;

describe("password reset", () => {
  it("mails a link whose token is stored only as a hash, expiring in 30 minutes, and records the request", async () => {
    const { user, org } = await createOwner();
    const now = new Date("2026-04-01T09:00:00Z");
    const { mail, token } = await requestAndReadMail(user.email, now);

    expect(mail).toMatchObject({ to: user.email, subject: "Reset your Verity password", sentAt: null });
    const reset = await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(reset.tokenHash).toBe(hashToken(token));
    expect(reset.tokenHash).not.toContain(token);
    expect(reset.expiresAt.getTime() - now.getTime()).toBe(30 * MINUTE);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: org.id, action: "password.reset_requested" },
    });
    expect(entry).toMatchObject({ category: "credentials", metadata: {}, targetId: user.id });
    expect(JSON.stringify({ ...entry, seq: String(entry.seq) })).not.toContain(token);
  });

  it("keeps no working link in the database: the mail body is sealed, and erased once the link has expired", async () => {
    const { user } = await createOwner();
    const now = new Date();
    const { mail, token } = await requestAndReadMail(user.email, now);

    // A dump of the outbox holds neither the token nor the link, in any column or encoding.
    const dump = await outboxDump();
    for (const secret of [token, encodeURIComponent(token), "reset-password?token="])
      expect(dump).not.toContain(secret);
    // The operator (the /outbox page, `verity outbox`) still reads the link, and it works.
    await expect(complete(token, new Date(now.getTime() + MINUTE))).resolves.toEqual({ email: user.email });

    // Once the link has expired, the body goes too; recipient, subject and times stay.
    await eraseExpiredMailBodies({ db, now: new Date(now.getTime() + 29 * MINUTE) });
    expect((await db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).sealedText).not.toBeNull();
    await eraseExpiredMailBodies({ db, now: new Date(now.getTime() + 30 * MINUTE) });
    const row = await db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({
      to: user.email,
      subject: "Reset your Verity password",
      sealedText: null,
      bodyExpiresAt: null,
      sentAt: null,
    });
    const [shown] = await listOutboxMessages({ db, to: user.email, kind: "password_reset", limit: 1, now });
    expect(shown).toMatchObject({ id: mail.id, text: null, missingBody: "expired" });
  });

  it("answers an unknown address exactly like a known one, and sends nothing", async () => {
    const mails = await db.mailMessage.count();
    const resets = await db.passwordReset.count();
    const answer = await requestPasswordReset({ input: { email: "Nobody-Here@example.test" }, context: testContext });
    expect(answer).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(await db.mailMessage.count()).toBe(mails);
    expect(await db.passwordReset.count()).toBe(resets);
  });

  it("sets the new password once, ends every session, lifts the lockout and records it", async () => {
    const { user, org, password } = await createOwner();
    const session = await sessionCookieFor(db, user.id);
    // Locked out from two places (the owner's and a stranger's) and at the second factor: the reset lifts all three.
    for (const key of [
      lockoutKey(user.email, "198.51.100.201"),
      lockoutKey(user.email, "2001:db8:77::1"),
      secondFactorKey(user.email),
    ]) {
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await recordFailedSignIn(db, key);
    }
    expect(await db.signInLockout.count({ where: { email: user.email, lockedUntil: { not: null } } })).toBe(3);
    const now = new Date();
    const { token } = await requestAndReadMail(user.email, now);
    const { token: olderLink } = await requestAndReadMail(user.email, now);

    expect(await complete(token, new Date(now.getTime() + 29 * MINUTE))).toEqual({ email: user.email });

    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(await storedHash(user.id), password)).toBe(false);
    expect(await findLiveSession(db, session.sessionId)).toBeNull();
    expect(await db.signInLockout.count({ where: { email: user.email } })).toBe(0);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: org.id, action: "password.reset_completed" },
    });
    expect(entry).toMatchObject({ category: "credentials", metadata: {} });

    // Single use, and the other link sent before the reset dies with it.
    await expect(complete(token, now, "yet another password 1")).rejects.toMatchObject({
      code: "invalid_input",
      message: INVALID_RESET_LINK,
    });
    await expect(complete(olderLink, now, "yet another password 1")).rejects.toMatchObject({ code: "invalid_input" });
    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
  });

  it("refuses a link after 30 minutes, and a made-up one, changing nothing", async () => {
    const { user, org, password } = await createOwner();
    const now = new Date();
    const { token } = await requestAndReadMail(user.email, now);
    const actions = await db.auditEntry.count({ where: { orgId: org.id } });

    await expect(complete(token, new Date(now.getTime() + 30 * MINUTE))).rejects.toMatchObject({
      fieldErrors: { token: [INVALID_RESET_LINK] },
    });
    await expect(complete("made-up-token", now)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await verifyPassword(await storedHash(user.id), password)).toBe(true);
    expect(await db.auditEntry.count({ where: { orgId: org.id } })).toBe(actions);
    expect((await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const { user } = await createOwner();
    const mails = await db.mailMessage.count();
    const badEmail = await requestPasswordReset({ input: { email: "not an email" }, context: testContext }).catch(
      (error) => error,
    );
    expect(z.flattenError(badEmail).fieldErrors).toMatchObject({ email: ["Enter a valid email address."] });
    const { token } = await requestAndReadMail(user.email, new Date());
    const mismatch = await completePasswordReset({
      input: { token, password: NEW_PASSWORD, confirmPassword: "something else entirely" },
      context: testContext,
    }).catch((error) => error);
    expect(z.flattenError(mismatch).fieldErrors).toMatchObject({ confirmPassword: ["The passwords do not match."] });
    const short = await completePasswordReset({
      input: { token, password: "short", confirmPassword: "short" },
      context: testContext,
    }).catch((error) => error);
    expect(z.flattenError(short).fieldErrors).toMatchObject({ password: ["Use at least 12 characters."] });
    expect(await db.mailMessage.count()).toBe(mails + 1);
    expect((await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();
  });
});

describe("password reset throttling", () => {
  it("sends at most three links per address in fifteen minutes, with the same answer every time", async () => {
    const { user } = await createOwner();
    const context = { ...testContext, ip: `198.51.100.${Math.floor(Math.random() * 200) + 10}` };
    for (let i = 0; i < 5; i++) {
      expect(await requestPasswordReset({ input: { email: user.email }, context })).toEqual({
        message: RESET_REQUESTED_MESSAGE,
      });
    }
    expect(await db.passwordReset.count({ where: { userId: user.id } })).toBe(RESET_REQUESTS_PER_EMAIL);
    expect(await db.mailMessage.count({ where: { to: user.email, kind: "password_reset" } })).toBe(
      RESET_REQUESTS_PER_EMAIL,
    );
  });
});
