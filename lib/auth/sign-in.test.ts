import { beforeAll, describe, expect, it } from "vitest";
import {
  beginSignIn,
  completeSecondFactor,
  IP_SIGN_IN_LIMIT,
  redeemSignInGrant,
  signOut,
  type SignInStep,
} from "@/lib/auth/sign-in";
import { findLiveSession } from "@/lib/auth/sessions";
import { lockedUntil, lockoutKey, recordFailedSignIn, secondFactorKey } from "@/lib/auth/lockout";
import { hashToken } from "@/lib/crypto/tokens";
import { connectDb, type Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** Each test signs in from its own address, so per-IP throttling only shows where a test wants it. */
const fromIp = (ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`) => ({ ...testContext, ip });
const actionsOf = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } })).map((entry) => entry.action);

async function signInFully(step: SignInStep, context = testContext) {
  if (step.status !== "ready") throw new Error(`expected a grant, got ${step.status}`);
  const session = await redeemSignInGrant({ grant: step.grant, context });
  if (!session) throw new Error("grant refused");
  return session;
}

describe("sign-in with a password", () => {
  it("yields a one-time grant that opens a live session, recorded with its request context", async () => {
    const { user, org, password } = await createOwner();
    const step = await beginSignIn({ input: { email: user.email.toUpperCase(), password }, context: fromIp() });
    expect(step.status).toBe("ready");
    if (step.status !== "ready") return;
    const session = await redeemSignInGrant({ grant: step.grant, context: testContext });
    expect(session?.userId).toBe(user.id);
    expect(await findLiveSession(db, session!.sessionId)).not.toBeNull();
    expect(await redeemSignInGrant({ grant: step.grant, context: testContext })).toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.signed_in" } });
    expect(entry).toMatchObject({ outcome: "success", ip: testContext.ip, userAgent: testContext.userAgent });
    expect(entry.metadata).toEqual({ method: "password" });
  });

  it("answers a wrong password and an unknown email the same, recording the failure without the password", async () => {
    const { user, org } = await createOwner();
    const wrong = await beginSignIn({ input: { email: user.email, password: "guess-1234567890" }, context: fromIp() });
    const unknown = await beginSignIn({
      input: { email: "nobody@example.test", password: "guess-1234567890" },
      context: fromIp(),
    });
    expect(wrong).toEqual({ status: "invalid", message: "Incorrect email or password." });
    expect(unknown).toEqual(wrong);
    const failure = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.sign_in_failed" } });
    expect(failure.outcome).toBe("failure");
    expect(failure.metadata).toEqual({ reason: "wrong_password", failures: 1 });
    expect(JSON.stringify(failure.metadata)).not.toContain("guess-1234567890");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("locks the account after five failures from one address, says until when, and a later success clears the count", async () => {
    const { user, org, password } = await createOwner();
    const now = new Date();
    const from = fromIp();
    for (let i = 0; i < 4; i++)
      expect(
        (await beginSignIn({ input: { email: user.email, password: "wrong-password-x" }, context: from, now })).status,
      ).toBe("invalid");
    const fifth = await beginSignIn({ input: { email: user.email, password: "wrong-password-x" }, context: from, now });
    expect(fifth.status).toBe("locked");
    const lockedUntil = new Date(now.getTime() + 15 * 60 * 1000);
    expect(fifth).toMatchObject({ retryAt: lockedUntil.toISOString() });
    // Even the right password is refused while locked.
    expect((await beginSignIn({ input: { email: user.email, password }, context: from, now })).status).toBe("locked");
    expect(await actionsOf(org.id)).toContain("user.locked_out");

    const later = new Date(lockedUntil.getTime() + 1000);
    await signInFully(await beginSignIn({ input: { email: user.email, password }, context: from, now: later }), from);
    expect(await db.signInLockout.count({ where: { email: user.email } })).toBe(0);
  });

  it("locks longer on each lockout in a row, up to 24 hours", async () => {
    const { user } = await createOwner();
    const key = lockoutKey(user.email, "198.51.100.77");
    const durations: number[] = [];
    let now = new Date();
    for (let lockout = 0; lockout < 9; lockout++) {
      let outcome;
      for (let i = 0; i < 5; i++) outcome = await recordFailedSignIn(db, key, now);
      durations.push((outcome!.lockedUntil!.getTime() - now.getTime()) / 60_000);
      now = new Date(outcome!.lockedUntil!.getTime() + 1000);
    }
    expect(durations).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
  });

  it("shares the failure count between app instances (two clients, concurrent failures)", async () => {
    const { user } = await createOwner();
    const key = lockoutKey(user.email, "198.51.100.78");
    const other = connectDb(process.env.DATABASE_URL!);
    try {
      const outcomes = await Promise.all([db, other, db, other, db].map((client) => recordFailedSignIn(client, key)));
      expect(outcomes.filter((outcome) => outcome.lockedUntil !== null)).toHaveLength(1);
      expect(await lockedUntil(db, key)).not.toBeNull();
    } finally {
      await other.$disconnect();
    }
  });

  it("throttles one address across accounts", async () => {
    const { user, password } = await createOwner();
    const context = fromIp("203.0.113.250");
    for (let i = 0; i < IP_SIGN_IN_LIMIT; i++)
      await beginSignIn({ input: { email: `nobody-${i}@example.test`, password: "x" }, context });
    const step = await beginSignIn({ input: { email: user.email, password }, context });
    expect(step.status).toBe("throttled");
    expect((await beginSignIn({ input: { email: user.email, password }, context: fromIp() })).status).toBe("ready");
  });

  it("throttles an IPv6 client by its /64: every address inside it shares one budget", async () => {
    const { user, password } = await createOwner();
    for (let i = 1; i <= IP_SIGN_IN_LIMIT; i++) {
      await beginSignIn({
        input: { email: `nobody-v6-${i}@example.test`, password: "x" },
        context: fromIp(`2001:db8:66:1::${i.toString(16)}`),
      });
    }
    expect(
      (await beginSignIn({ input: { email: user.email, password }, context: fromIp("2001:db8:66:1:ffff::1") })).status,
    ).toBe("throttled");
    expect(
      (await beginSignIn({ input: { email: user.email, password }, context: fromIp("2001:db8:66:2::1") })).status,
    ).toBe("ready");
  });
});

describe("lockout without enumeration or targeted lockout", () => {
  it("answers an unknown email exactly like a known one, attempt by attempt, the fifth 'locked' included", async () => {
    const { user } = await createOwner();
    const now = new Date();
    const attempt = (email: string, ip: string) =>
      beginSignIn({ input: { email, password: "wrong-password-x" }, context: fromIp(ip), now });
    for (let i = 1; i <= 6; i++) {
      const known = await attempt(user.email, "198.51.100.31");
      const unknown = await attempt(`nobody-${user.id}@example.test`, "198.51.100.32");
      expect(unknown).toEqual(known);
      expect(known.status).toBe(i < 5 ? "invalid" : "locked");
    }
  });

  it("locks a stranger's address out of an account without locking out its owner elsewhere", async () => {
    const { user, org, password } = await createOwner();
    const stranger = fromIp("198.51.100.41");
    for (let i = 0; i < 5; i++)
      await beginSignIn({ input: { email: user.email, password: `guess ${i} xxxxxxxx` }, context: stranger });
    // Even the right password is refused to the stranger's address while it is locked...
    expect((await beginSignIn({ input: { email: user.email, password }, context: stranger })).status).toBe("locked");
    // ...while the owner, from their own address, signs in.
    const session = await signInFully(
      await beginSignIn({ input: { email: user.email, password }, context: fromIp("198.51.100.42") }),
    );
    expect(session.userId).toBe(user.id);
    // The owner's success lifts nothing for the stranger, and the trail shows the stranger's lockout.
    expect((await beginSignIn({ input: { email: user.email, password }, context: stranger })).status).toBe("locked");
    const lockout = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.locked_out" } });
    expect(lockout.ip).toBe("198.51.100.41");
  });

  it("counts an IPv6 client by its /64, so hopping addresses inside it buys no extra guesses", async () => {
    const { user, password } = await createOwner();
    for (let i = 1; i <= 5; i++)
      await beginSignIn({
        input: { email: user.email, password: `guess ${i} xxxxxxxx` },
        context: fromIp(`2001:db8:5:6::${i}`),
      });
    expect(
      (await beginSignIn({ input: { email: user.email, password }, context: fromIp("2001:db8:5:6::99") })).status,
    ).toBe("locked");
    expect(
      (await beginSignIn({ input: { email: user.email, password }, context: fromIp("2001:db8:5:7::1") })).status,
    ).toBe("ready");
  });
});

describe("two-step sign-in", () => {
  it("opens no session before the second factor, then accepts a TOTP code once", async () => {
    const { user, org, password } = await createOwner();
    const { codeAt } = await enrolTotp(db, user.id);
    const step = await beginSignIn({ input: { email: user.email, password }, context: fromIp() });
    expect(step.status).toBe("second_factor");
    if (step.status !== "second_factor") return;
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    const code = await codeAt();
    const session = await signInFully(
      await completeSecondFactor({ challenge: step.challenge, code, context: testContext }),
    );
    expect(session.userId).toBe(user.id);
    const signedIn = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.signed_in" } });
    expect(signedIn.metadata).toEqual({ method: "totp" });

    // The same code, replayed on a fresh challenge, fails: its time step is used up.
    const again = await beginSignIn({ input: { email: user.email, password }, context: fromIp() });
    if (again.status !== "second_factor") throw new Error("expected a challenge");
    expect((await completeSecondFactor({ challenge: again.challenge, code, context: testContext })).status).toBe(
      "invalid",
    );
  });

  it("accepts codes one step either side of now and nothing further", async () => {
    const { user, password } = await createOwner();
    const { codeAt } = await enrolTotp(db, user.id);
    const now = Date.now();
    const tryCode = async (offset: number) => {
      const step = await beginSignIn({ input: { email: user.email, password }, context: fromIp() });
      if (step.status !== "second_factor") throw new Error("expected a challenge");
      return (
        await completeSecondFactor({
          challenge: step.challenge,
          code: await codeAt(now, offset),
          context: testContext,
          now: new Date(now),
        })
      ).status;
    };
    expect(await tryCode(-2)).toBe("invalid");
    expect(await tryCode(2)).toBe("invalid");
    expect(await tryCode(-1)).toBe("ready");
    expect(await tryCode(0)).toBe("ready");
    expect(await tryCode(1)).toBe("ready");
    expect(await tryCode(0)).toBe("invalid"); // an earlier step than the last accepted one
  });

  it("accepts each recovery code once and records what remains", async () => {
    const { user, org, password } = await createOwner();
    const { recoveryCodes } = await enrolTotp(db, user.id);
    const challenge = async () => {
      const step = await beginSignIn({ input: { email: user.email, password }, context: fromIp() });
      if (step.status !== "second_factor") throw new Error("expected a challenge");
      return step.challenge;
    };
    const recovered = await completeSecondFactor({
      challenge: await challenge(),
      code: recoveryCodes[0].toUpperCase(),
      context: testContext,
    });
    // The sign-in form sends the person to a page that says how many codes they have left.
    expect(recovered).toMatchObject({ status: "ready", recoveryCodesLeft: 9 });
    await signInFully(recovered);
    expect(
      (await completeSecondFactor({ challenge: await challenge(), code: recoveryCodes[0], context: testContext }))
        .status,
    ).toBe("invalid");
    const used = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "mfa.recovery_code_used" } });
    expect(used.metadata).toEqual({ remaining: 9 });
    expect(JSON.stringify(used.metadata)).not.toContain(recoveryCodes[0]);
  });

  it("counts wrong codes as failures and malformed codes get the same clear answer", async () => {
    const { user, password } = await createOwner();
    await enrolTotp(db, user.id);
    const step = await beginSignIn({ input: { email: user.email, password }, context: fromIp() });
    if (step.status !== "second_factor") throw new Error("expected a challenge");
    for (const code of ["000000", "12ab", ""]) {
      const result = await completeSecondFactor({ challenge: step.challenge, code, context: testContext });
      expect(result).toMatchObject({ status: "invalid", message: expect.stringContaining("not valid") });
    }
    expect(
      await db.signInLockout.findUniqueOrThrow({ where: { email_source: secondFactorKey(user.email) } }),
    ).toMatchObject({ failures: 3 });
  });
});

describe("second-factor lockout (someone who knows the password)", () => {
  const WRONG = "That code is not valid";
  async function challengeFor(email: string, password: string, ip: string, now = new Date()) {
    const step = await beginSignIn({ input: { email, password }, context: fromIp(ip), now });
    if (step.status !== "second_factor") throw new Error(`expected a challenge, got ${step.status}`);
    return step.challenge;
  }
  const wrongCode = (code: string) => (code === "000000" ? "000001" : "000000");

  it("counts wrong codes per account across sources: five from five /64s lock the second factor, 15 minutes then 30", async () => {
    const { user, org, password } = await createOwner();
    const { codeAt, recoveryCodes } = await enrolTotp(db, user.id);
    let now = new Date();
    const answers: SignInStep[] = [];
    for (let i = 1; i <= 5; i++) {
      const ip = `2001:db8:${i}:${i}::1`;
      const code = i === 5 ? "aaaa-bbbb-cccc-dddd-eeee" : wrongCode(await codeAt(now.getTime()));
      answers.push(
        await completeSecondFactor({
          challenge: await challengeFor(user.email, password, ip, now),
          code,
          context: fromIp(ip),
          now,
        }),
      );
    }
    expect(answers.slice(0, 4).map((answer) => answer.status)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(answers[4]).toMatchObject({
      status: "locked",
      retryAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
    });
    const lockout = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.locked_out" } });
    expect(lockout).toMatchObject({ outcome: "failure", ip: "2001:db8:5:5::1" });
    expect(lockout.metadata).toMatchObject({ failures: 5, lockout: 1 });

    // The password still yields a challenge (a stranger learns nothing), but no code is checked while locked:
    // not the right TOTP code, not a recovery code, from a fresh /64 (and the TOTP step is not used up).
    const fresh = "2001:db8:99:99::1";
    const right = await codeAt(now.getTime());
    expect(
      await completeSecondFactor({
        challenge: await challengeFor(user.email, password, fresh, now),
        code: right,
        context: fromIp(fresh),
        now,
      }),
    ).toMatchObject({ status: "locked" });
    expect(
      (
        await completeSecondFactor({
          challenge: await challengeFor(user.email, password, fresh, now),
          code: recoveryCodes[0],
          context: fromIp(fresh),
          now,
        })
      ).status,
    ).toBe("locked");
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);

    // After the lockout, five more wrong codes lock it again, for twice as long.
    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    let last: SignInStep | undefined;
    for (let i = 0; i < 5; i++) {
      const ip = `2001:db8:${i + 10}::1`;
      last = await completeSecondFactor({
        challenge: await challengeFor(user.email, password, ip, now),
        code: wrongCode(await codeAt(now.getTime())),
        context: fromIp(ip),
        now,
      });
    }
    expect(last).toMatchObject({ status: "locked", retryAt: new Date(now.getTime() + 30 * 60_000).toISOString() });

    // Once that passes, the owner signs in, and the complete sign-in clears the account's count.
    now = new Date(now.getTime() + 30 * 60_000 + 1000);
    const step = await completeSecondFactor({
      challenge: await challengeFor(user.email, password, fresh, now),
      code: await codeAt(now.getTime()),
      context: fromIp(fresh),
      now,
    });
    await signInFully(step, fromIp(fresh));
    expect(await db.signInLockout.count({ where: { email: user.email } })).toBe(0);
  });

  it("checks at most five codes per challenge, even when ten arrive at once", async () => {
    const { user, org, password } = await createOwner();
    const { codeAt } = await enrolTotp(db, user.id);
    const challenge = await challengeFor(user.email, password, "198.51.100.150");
    const wrong = wrongCode(await codeAt());
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => completeSecondFactor({ challenge, code: wrong, context: testContext })),
    );
    expect(
      answers.filter((answer) => answer.status === "invalid" && answer.message.startsWith(WRONG)).length,
    ).toBeLessThanOrEqual(5);
    const row = await db.signInChallenge.findUniqueOrThrow({ where: { tokenHash: hashToken(challenge) } });
    expect(row.attempts).toBe(5);
    const checked = await db.auditEntry.count({
      where: {
        orgId: org.id,
        action: "user.sign_in_failed",
        metadata: { path: ["reason"], equals: "wrong_second_factor" },
      },
    });
    expect(checked).toBe(5);
    // The right code on the spent challenge is refused without a check.
    expect(await completeSecondFactor({ challenge, code: await codeAt(), context: testContext })).toMatchObject({
      status: "invalid",
      message: expect.stringContaining("expired"),
    });
  });

  it("lets a right code through after a few wrong ones, and clears the account's count", async () => {
    const { user, password } = await createOwner();
    const { codeAt } = await enrolTotp(db, user.id);
    const challenge = await challengeFor(user.email, password, "198.51.100.151");
    for (let i = 0; i < 4; i++)
      expect(
        (await completeSecondFactor({ challenge, code: wrongCode(await codeAt()), context: testContext })).status,
      ).toBe("invalid");
    const step = await completeSecondFactor({ challenge, code: await codeAt(), context: testContext });
    expect(step.status).toBe("ready");
    expect(await db.signInLockout.count({ where: { email: user.email } })).toBe(0);
    await signInFully(step);
  });
});

describe("sign-out", () => {
  it("revokes the session and records it once", async () => {
    const { user, org, password } = await createOwner();
    const { sessionId } = await signInFully(
      await beginSignIn({ input: { email: user.email, password }, context: fromIp() }),
    );
    await signOut({ userId: user.id, sessionId, context: testContext });
    await signOut({ userId: user.id, sessionId, context: testContext });
    expect(await findLiveSession(db, sessionId)).toBeNull();
    expect(await actionsOf(org.id)).toEqual(["org.created", "user.signed_up", "user.signed_in", "user.signed_out"]);
  });
});
