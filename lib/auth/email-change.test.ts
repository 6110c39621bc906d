import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  confirmEmailChange,
  EMAIL_CHANGE_REQUESTS,
  INVALID_EMAIL_CHANGE_LINK,
  requestEmailChange,
} from "@/lib/auth/email-change";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { findLiveSession } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db/client";
import { listOutboxMessages } from "@/lib/mail";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
  delete process.env.SMTP_URL; // mail stays in the outbox, where the test reads it
  process.env.NEXTAUTH_URL = "https://verity.example.test/";
});

const HOUR = 60 * 60 * 1000;
const freshAddress = () => `new-${randomUUID().slice(0, 8)}@example.test`;

async function signedInOwner() {
  const owner = await createOwner();
  const { sessionId } = await sessionCookieFor(db, owner.user.id);
  return { ...owner, principal: { userId: owner.user.id, sessionId, email: owner.user.email } };
}

const mailsTo = (to: string, kind: string, now: Date) => listOutboxMessages({ db, to, kind, limit: 10, now });

/** The token from the newest change link mailed to `to`, as the user would read it. */
async function linkMailedTo(to: string, now: Date) {
  const [mail] = await mailsTo(to, "email_change", now);
  const link = mail?.text?.match(/https:\/\/verity\.example\.test\/confirm-email-change\?token=([A-Za-z0-9_-]+)/);
  expect(link, "the mail carries the link").toBeTruthy();
  return link![1];
}

const actionsOf = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } })).map((entry) => entry.action);
const emailOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).email;

describe("changing the account's address through a verification mail", () => {
  it("mails a hashed, 24-hour link to the new address and a notice to the old one, and changes nothing yet", async () => {
    const { user, org, password, principal } = await signedInOwner();
    const newEmail = freshAddress();
    const now = new Date("2026-05-01T09:00:00Z");

    const answer = await requestEmailChange({
      principal,
      input: { newEmail: newEmail.toUpperCase(), currentPassword: password },
      context: testContext,
      now,
    });

    expect(answer).toEqual({ pendingEmail: newEmail });
    expect(await emailOf(user.id)).toBe(user.email);
    const token = await linkMailedTo(newEmail, now);
    const row = await db.emailChange.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ newEmail, tokenHash: hashToken(token), usedAt: null, sessionId: principal.sessionId });
    expect(row.expiresAt.getTime() - now.getTime()).toBe(24 * HOUR);
    const [notice] = await mailsTo(user.email, "email_change_notice", now);
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toContain(token);
    expect((await actionsOf(org.id)).slice(-2)).toEqual(["step_up.passed", "user.email_change_requested"]);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: org.id, action: "user.email_change_requested" },
    });
    expect(entry.metadata).toEqual({ to: newEmail });
    expect(JSON.stringify({ ...entry, seq: String(entry.seq) })).not.toContain(token);
  });

  it("applies the change when the link is opened: once, ending other sessions and the old address's links", async () => {
    const { user, org, password, principal } = await signedInOwner();
    const other = await sessionCookieFor(db, user.id);
    const newEmail = freshAddress();
    const now = new Date();
    await requestEmailChange({ principal, input: { newEmail, currentPassword: password }, context: testContext, now });
    const token = await linkMailedTo(newEmail, now);
    // A reset link mailed to the old address before the change must not outlive it.
    await requestPasswordReset({ input: { email: user.email }, context: testContext, now });

    const later = new Date(now.getTime() + HOUR);
    await expect(confirmEmailChange({ input: { token }, context: testContext, now: later })).resolves.toEqual({
      email: newEmail,
    });

    const changed = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(changed).toMatchObject({ email: newEmail, emailVerifiedAt: later });
    expect(await findLiveSession(db, principal.sessionId)).not.toBeNull();
    expect(await findLiveSession(db, other.sessionId)).toBeNull();
    expect(await db.passwordReset.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.email_changed" } });
    expect(entry).toMatchObject({
      category: "credentials",
      actorId: user.id,
      targetId: user.id,
      metadata: { before: { email: user.email }, after: { email: newEmail } },
    });
    const [told] = await mailsTo(user.email, "email_changed_notice", later);
    expect(told.text).toContain(newEmail);

    // The link works once.
    await expect(confirmEmailChange({ input: { token }, context: testContext, now: later })).rejects.toMatchObject({
      code: "invalid_input",
      message: INVALID_EMAIL_CHANGE_LINK,
    });
  });

  it("refuses an expired link and a made-up one, and an earlier link once a newer one is asked for", async () => {
    const { user, password, principal } = await signedInOwner();
    const now = new Date();
    const first = freshAddress();
    await requestEmailChange({
      principal,
      input: { newEmail: first, currentPassword: password },
      context: testContext,
      now,
    });
    const firstToken = await linkMailedTo(first, now);
    const expired = new Date(now.getTime() + 24 * HOUR);
    await expect(
      confirmEmailChange({ input: { token: firstToken }, context: null, now: expired }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(confirmEmailChange({ input: { token: "made-up" }, context: null, now })).rejects.toMatchObject({
      code: "invalid_input",
    });

    const second = freshAddress();
    await requestEmailChange({
      principal,
      input: { newEmail: second, currentPassword: password },
      context: testContext,
      now,
    });
    await expect(confirmEmailChange({ input: { token: firstToken }, context: null, now })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(await emailOf(user.id)).toBe(user.email);
    const secondToken = await linkMailedTo(second, now);
    await expect(confirmEmailChange({ input: { token: secondToken }, context: null, now })).resolves.toEqual({
      email: second,
    });
  });

  it("answers a taken address exactly as a free one: no link, its owner is told by mail, the trail reads the same", async () => {
    const { user, org, password, principal } = await signedInOwner();
    const { user: someoneElse } = await createOwner();
    const now = new Date();
    const changes = await db.emailChange.count();

    const answer = await requestEmailChange({
      principal,
      input: { newEmail: someoneElse.email, currentPassword: password },
      context: testContext,
      now,
    });

    expect(answer).toEqual({ pendingEmail: someoneElse.email });
    expect(await db.emailChange.count()).toBe(changes);
    expect(await mailsTo(someoneElse.email, "email_change", now)).toEqual([]);
    const [told] = await mailsTo(someoneElse.email, "email_change_address_taken", now);
    expect(told.text).not.toContain(user.email);
    expect(await mailsTo(user.email, "email_change_notice", now)).toHaveLength(1);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: org.id, action: "user.email_change_requested" },
    });
    expect(entry.metadata).toEqual({ to: someoneElse.email });
    expect(await emailOf(someoneElse.id)).toBe(someoneElse.email);
  });

  it("refuses an address taken after the link was sent, and changes nothing", async () => {
    const { user, password, principal } = await signedInOwner();
    const newEmail = freshAddress();
    const now = new Date();
    await requestEmailChange({ principal, input: { newEmail, currentPassword: password }, context: testContext, now });
    const token = await linkMailedTo(newEmail, now);
    const { user: latecomer } = await createOwner();
    await db.user.update({ where: { id: latecomer.id }, data: { email: newEmail } });

    await expect(confirmEmailChange({ input: { token }, context: null, now })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("refuses a wrong password (recorded as a failed step-up), the same address, and too many requests", async () => {
    const { user, org, password, principal } = await signedInOwner();
    const now = new Date();
    const newEmail = freshAddress();
    await expect(
      requestEmailChange({
        principal,
        input: { newEmail, currentPassword: "not my password!" },
        context: testContext,
        now,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await actionsOf(org.id)).at(-1)).toBe("step_up.failed");
    expect(await mailsTo(newEmail, "email_change", now)).toEqual([]);

    await expect(
      requestEmailChange({
        principal,
        input: { newEmail: user.email, currentPassword: password },
        context: testContext,
        now,
      }),
    ).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { newEmail: ["That is already your address."] } });
    await expect(
      requestEmailChange({
        principal,
        input: { newEmail: "not an address", currentPassword: password },
        context: testContext,
        now,
      }),
    ).rejects.toMatchObject({ name: "ZodError" });

    for (let i = 0; i < EMAIL_CHANGE_REQUESTS; i++) {
      await requestEmailChange({
        principal,
        input: { newEmail, currentPassword: password },
        context: testContext,
        now,
      });
    }
    await expect(
      requestEmailChange({ principal, input: { newEmail, currentPassword: password }, context: testContext, now }),
    ).rejects.toMatchObject({ code: "rate_limited" });
  });
});
