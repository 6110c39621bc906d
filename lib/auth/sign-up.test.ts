import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { EMAIL_VERIFICATION_TTL_MS, INVALID_VERIFICATION_LINK, verifyEmail } from "@/lib/auth/email-verification";
import { hashPassword } from "@/lib/auth/password";
import { completePasswordReset, requestPasswordReset } from "@/lib/auth/password-reset";
import { beginSignIn, issueSignInGrant, redeemSignInGrant } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";
import { SIGN_UP_GLOBAL_KEY, SIGN_UP_GLOBAL_LIMIT, SIGN_UP_IP_LIMIT } from "@/lib/auth/sign-up-throttle";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db/client";
import { testDb, withFreshDatabase } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { listOutboxMessages } from "@/lib/mail";

// The real argon2 hash, watched: the throttle must refuse before any hashing happens.
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});
const hashesSoFar = () => vi.mocked(hashPassword).mock.calls.length;

let db: Db;
beforeAll(async () => {
  db = testDb();
  delete process.env.SMTP_URL; // mail stays in the outbox, where the test reads it
  process.env.NEXTAUTH_URL = "https://verity.example.test/";
  await createOwner(); // so that no sign-up below is the instance's first account
});

let n = 0;
const someone = (overrides: Record<string, string> = {}) => {
  const tag = `${Date.now().toString(36)}-${n++}`;
  return {
    name: `Signer ${tag}`,
    email: `signer-${tag}@example.test`,
    password: `a long passphrase ${tag}`,
    organizationName: `Signers ${tag}`,
    ...overrides,
  };
};
/** Each test signs up from its own address, so the per-address throttle only shows where a test wants it. */
const fromIp = (ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`) => ({ ...testContext, ip });
const actionsOf = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } })).map((entry) => entry.action);
/** The mails to `to`, oldest first, with their bodies opened as the operator's outbox shows them. */
const mailsTo = async (to: string) => (await listOutboxMessages({ db, to })).reverse();

/** The token of the newest confirmation link mailed to `to`, read from the mail as its owner would. */
async function confirmationToken(to: string): Promise<string> {
  const mail = (await mailsTo(to)).filter((message) => message.kind === "email_verification").at(-1);
  const link = mail?.text?.match(/https:\/\/verity\.example\.test\/verify-email\?token=([A-Za-z0-9_-]+)/);
  expect(link, "the mail carries the confirmation link").toBeTruthy();
  return link![1];
}

describe("sign-up with email confirmation", () => {
  it("creates an unconfirmed account that cannot sign in until the mailed link is followed", async () => {
    const person = someone();
    const now = new Date();
    expect(await signUp({ input: person, context: fromIp(), now })).toEqual({
      status: "confirm_email",
      email: person.email,
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: person.email }, include: { memberships: true } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(await actionsOf(user.memberships[0].orgId)).toEqual(["org.created", "user.signed_up"]);

    const token = await confirmationToken(person.email);
    const stored = await db.emailVerification.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.expiresAt.getTime() - now.getTime()).toBe(EMAIL_VERIFICATION_TTL_MS);

    // The right password yields no session, only a new link; not even a grant would open one.
    const early = await beginSignIn({ input: person, context: fromIp() });
    expect(early).toMatchObject({
      status: "unverified",
      message: expect.stringContaining("Confirm your email address"),
    });
    expect((await mailsTo(person.email)).filter((mail) => mail.kind === "email_verification")).toHaveLength(2);
    const grant = await db.$transaction((tx) => issueSignInGrant(tx, user.id));
    expect(await redeemSignInGrant({ grant, context: testContext })).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    expect(await verifyEmail({ input: { token }, context: testContext })).toEqual({ email: person.email });
    const confirmed = await db.auditEntry.findFirstOrThrow({
      where: { orgId: user.memberships[0].orgId, action: "user.email_verified" },
    });
    expect(confirmed.metadata).toEqual({ via: "link" });
    expect(JSON.stringify(confirmed, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
      token,
    );
    const step = await beginSignIn({ input: person, context: fromIp() });
    expect(step.status).toBe("ready");
    if (step.status === "ready")
      expect(await redeemSignInGrant({ grant: step.grant, context: testContext })).toMatchObject({ userId: user.id });

    // Single use, and the link re-sent at sign-in died with it.
    await expect(verifyEmail({ input: { token }, context: testContext })).rejects.toMatchObject({
      code: "invalid_input",
      message: INVALID_VERIFICATION_LINK,
    });
    await expect(
      verifyEmail({ input: { token: await confirmationToken(person.email) }, context: testContext }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("refuses a confirmation link after 24 hours, and a made-up one, confirming nothing", async () => {
    const person = someone();
    const now = new Date();
    await signUp({ input: person, context: fromIp(), now });
    const token = await confirmationToken(person.email);
    await expect(
      verifyEmail({ input: { token }, context: testContext, now: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS) }),
    ).rejects.toMatchObject({
      fieldErrors: { token: [INVALID_VERIFICATION_LINK] },
    });
    await expect(verifyEmail({ input: { token: "made-up" }, context: testContext })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect((await db.user.findUniqueOrThrow({ where: { email: person.email } })).emailVerifiedAt).toBeNull();
    expect((await beginSignIn({ input: person, context: fromIp() })).status).toBe("unverified");
  });

  it("answers an address that has an account exactly like a new one, creates nothing, and tells its owner by mail", async () => {
    const owner = await createOwner();
    const newcomer = someone();
    const stranger = someone({ email: owner.user.email.toUpperCase(), password: "not the owner's password" });
    const users = await db.user.count();
    const orgs = await db.organization.count();

    const hashes = hashesSoFar();
    const forNew = await signUp({ input: newcomer, context: fromIp() });
    const forTaken = await signUp({ input: stranger, context: fromIp() });
    // The same answer (to the address as typed, normalized), after the same argon2 work.
    expect(forTaken).toEqual({ ...forNew, email: owner.user.email });
    expect(hashesSoFar() - hashes).toBe(2);
    expect(await db.user.count()).toBe(users + 1);
    expect(await db.organization.count()).toBe(orgs + 1);

    const [notice] = await mailsTo(owner.user.email);
    expect(notice).toMatchObject({
      kind: "sign_up_existing_account",
      subject: "Someone tried to create a Verity account with your address",
    });
    expect(notice.text).toContain("https://verity.example.test/signin");
    expect(notice.text).toContain("https://verity.example.test/forgot-password");
    expect(notice.text).not.toMatch(/token=/);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "user.sign_up_refused" },
    });
    expect(entry).toMatchObject({ outcome: "failure", metadata: { reason: "email_taken" }, targetId: owner.user.id });
    // The owner's account is untouched: their password still signs them in.
    expect(
      (await beginSignIn({ input: { email: owner.user.email, password: owner.password }, context: fromIp() })).status,
    ).toBe("ready");
  });

  it("counts a completed password reset as confirming the address (the link came through the mailbox)", async () => {
    const person = someone();
    await signUp({ input: person, context: fromIp() });
    await requestPasswordReset({ input: { email: person.email }, context: fromIp() });
    const [mail] = await listOutboxMessages({ db, to: person.email, kind: "password_reset" });
    const token = mail.text!.match(/reset-password\?token=([A-Za-z0-9_-]+)/)![1];
    const password = "a brand new passphrase 7";
    await completePasswordReset({ input: { token, password, confirmPassword: password }, context: testContext });
    const user = await db.user.findUniqueOrThrow({ where: { email: person.email }, include: { memberships: true } });
    expect(user.emailVerifiedAt).not.toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: user.memberships[0].orgId, action: "user.email_verified" },
    });
    expect(entry.metadata).toEqual({ via: "password_reset" });
    expect((await beginSignIn({ input: { email: person.email, password }, context: fromIp() })).status).toBe("ready");
  });

  it("mails an address about sign-ups at most three times an hour, with the same answer every time", async () => {
    const owner = await createOwner();
    for (let i = 0; i < 5; i++) {
      expect(await signUp({ input: someone({ email: owner.user.email }), context: fromIp() })).toEqual({
        status: "confirm_email",
        email: owner.user.email,
      });
    }
    expect(await mailsTo(owner.user.email)).toHaveLength(3);
  });

  it("stores the password only as an argon2id hash", async () => {
    const person = someone();
    await signUp({ input: person, context: fromIp() });
    const stored = await db.user.findUniqueOrThrow({ where: { email: person.email }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(stored.passwordHash).not.toContain(person.password);
  });

  it("rejects invalid input before touching the database", async () => {
    const users = await db.user.count();
    await expect(signUp({ input: { name: "", email: "x", password: "short" }, context: null })).rejects.toThrow();
    expect(await db.user.count()).toBe(users);
  });
});

describe("sign-up throttling", () => {
  afterEach(async () => {
    await db.rateLimitBucket.deleteMany({ where: { key: SIGN_UP_GLOBAL_KEY } });
  });

  it("refuses one address's sixth sign-up in an hour before hashing, and creates nothing", async () => {
    const context = fromIp("192.0.2.77");
    const hashes = hashesSoFar();
    for (let i = 0; i < SIGN_UP_IP_LIMIT; i++)
      expect((await signUp({ input: someone(), context })).status).toBe("confirm_email");
    expect(hashesSoFar() - hashes).toBe(SIGN_UP_IP_LIMIT);

    const late = someone();
    await expect(signUp({ input: late, context })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/^Too many sign-ups from your network\. Try again after /),
    });
    expect(hashesSoFar() - hashes).toBe(SIGN_UP_IP_LIMIT);
    expect(await db.user.count({ where: { email: late.email } })).toBe(0);
    expect(await mailsTo(late.email)).toHaveLength(0);
    // Another address is not held back by this one.
    expect((await signUp({ input: late, context: fromIp() })).status).toBe("confirm_email");
  });

  it("refuses every sign-up past the instance's limit before hashing, and records it once on an account it names", async () => {
    const owner = await createOwner();
    await db.rateLimitBucket.upsert({
      where: { key: SIGN_UP_GLOBAL_KEY },
      create: { key: SIGN_UP_GLOBAL_KEY, windowStart: new Date(), count: SIGN_UP_GLOBAL_LIMIT },
      update: { windowStart: new Date(), count: SIGN_UP_GLOBAL_LIMIT },
    });
    const hashes = hashesSoFar();
    const late = someone();
    for (const input of [someone({ email: owner.user.email }), someone({ email: owner.user.email }), late]) {
      await expect(signUp({ input, context: fromIp() })).rejects.toMatchObject({
        code: "rate_limited",
        message: expect.stringContaining("Too many sign-ups on this Verity right now."),
      });
    }
    expect(hashesSoFar()).toBe(hashes);
    expect(await db.user.count({ where: { email: late.email } })).toBe(0);
    expect(await mailsTo(owner.user.email)).toHaveLength(0);
    // The first refusal of the window is evidence; the ones after it would only flood the trail.
    const refusals = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "user.sign_up_refused" } });
    expect(refusals.map((entry) => [entry.outcome, entry.metadata])).toEqual([
      ["denied", { reason: "globally_throttled" }],
    ]);
  });
});

describe("the instance's first account", () => {
  it("is its operator's: confirmed at once and signed in; every later sign-up confirms by mail", async () => {
    await withFreshDatabase(async (fresh) => {
      const operator = someone();
      const outcome = await signUp({ input: operator, context: fromIp() });
      expect(outcome.status).toBe("signed_in");
      if (outcome.status !== "signed_in") return;
      expect(await redeemSignInGrant({ grant: outcome.grant, context: testContext })).toMatchObject({
        userId: outcome.user.id,
      });
      const entries = await fresh.auditEntry.findMany({ where: { orgId: outcome.org.id }, orderBy: { seq: "asc" } });
      expect(entries.map((entry) => [entry.action, entry.metadata])).toEqual([
        ["org.created", { name: operator.organizationName, slug: outcome.org.slug }],
        ["user.signed_up", { email: operator.email }],
        ["user.email_verified", { via: "first_account" }],
        ["user.signed_in", { method: "password" }],
      ]);
      expect(await fresh.mailMessage.count()).toBe(0);

      expect((await signUp({ input: someone(), context: fromIp() })).status).toBe("confirm_email");
    });
  });

  it("is only one of two sign-ups at the same instant on a fresh instance", async () => {
    await withFreshDatabase(async (fresh) => {
      const outcomes = await Promise.all([
        signUp({ input: someone(), context: fromIp() }),
        signUp({ input: someone(), context: fromIp() }),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["confirm_email", "signed_in"]);
      expect(await fresh.user.count({ where: { emailVerifiedAt: { not: null } } })).toBe(1);
    });
  });
});
