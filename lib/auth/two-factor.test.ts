import { beforeAll, describe, expect, it } from "vitest";
import { stepUp, STEP_UP_ATTEMPTS, STEP_UP_WINDOW_MS, hasRecentStepUp } from "@/lib/auth/step-up";
import { currentStep, totpCodeAt } from "@/lib/auth/totp";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from "@/lib/auth/two-factor";
import type { Db } from "@/lib/db/client";
import type { Principal } from "@/lib/context";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
});

async function signedInOwner() {
  const owner = await createOwner();
  const { sessionId } = await sessionCookieFor(db, owner.user.id);
  const principal: Principal = {
    type: "user",
    userId: owner.user.id,
    sessionId,
    email: owner.user.email,
    name: owner.user.name,
  };
  return { ...owner, principal, args: { principal, context: testContext } };
}

describe("TOTP enrolment", () => {
  it("is not active until a code from the shown seed is confirmed, and stores the seed encrypted", async () => {
    const { user, org, args } = await signedInOwner();
    const { secret, qrSvg, uri } = await startTotpEnrolment(args);
    expect(qrSvg).toContain("<svg");
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe(secret);
    const pending = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { totpPendingSecret: true, totpSecret: true, totpEnabledAt: true },
    });
    expect(pending).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(pending.totpPendingSecret).toMatch(/^e1:[0-9a-f-]{36}:v1:/);
    expect(pending.totpPendingSecret).not.toContain(secret);

    await expect(confirmTotpEnrolment({ ...args, code: "000000" })).rejects.toMatchObject({ code: "invalid_input" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();

    const { recoveryCodes } = await confirmTotpEnrolment({ ...args, code: await totpCodeAt(secret, currentStep()) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/); // 20 symbols × 5 bits = 100 bits
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((row) => row.codeHash)).not.toContain(recoveryCodes[0]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();
    const enrolled = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "mfa.enrolled" } });
    expect(JSON.stringify(enrolled.metadata)).not.toContain(secret);
  });
});

describe("step-up", () => {
  async function enrolled() {
    const owner = await signedInOwner();
    const { secret } = await startTotpEnrolment(owner.args);
    const step = currentStep();
    await confirmTotpEnrolment({ ...owner.args, code: await totpCodeAt(secret, step - 1) });
    return { ...owner, secret, step };
  }

  it("guards regenerating recovery codes and disabling 2FA, then allows them for five minutes", async () => {
    const { user, org, password, args, principal, secret, step } = await enrolled();
    // An owner's role requires the second factor: it cannot be turned off, step-up or not.
    await expect(disableTotp(args)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(org.name),
    });
    await db.membership.update({
      where: { orgId_userId: { orgId: org.id, userId: user.id } },
      data: { role: "MEMBER" },
    });
    await expect(regenerateRecoveryCodes(args)).rejects.toMatchObject({ code: "step_up_required" });
    await expect(disableTotp(args)).rejects.toMatchObject({ code: "step_up_required" });

    expect(
      await stepUp({
        principal,
        password: "not my password",
        code: await totpCodeAt(secret, step),
        context: testContext,
      }),
    ).toMatchObject({ ok: false });
    expect(await stepUp({ principal, password, context: testContext })).toMatchObject({ ok: false }); // the code is required
    expect(await stepUp({ principal, password, code: await totpCodeAt(secret, step), context: testContext })).toEqual({
      ok: true,
    });

    const before = (await db.recoveryCode.findMany({ where: { userId: user.id } })).map((row) => row.codeHash);
    const { recoveryCodes } = await regenerateRecoveryCodes(args);
    const after = (await db.recoveryCode.findMany({ where: { userId: user.id } })).map((row) => row.codeHash);
    expect(recoveryCodes).toHaveLength(10);
    expect(after.some((hash) => before.includes(hash))).toBe(false);

    await disableTotp(args);
    expect(
      await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } }),
    ).toEqual({ totpSecret: null, totpEnabledAt: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);

    const actions = (await db.auditEntry.findMany({ where: { orgId: org.id }, orderBy: { seq: "asc" } })).map(
      (entry) => entry.action,
    );
    expect(actions.slice(-6)).toEqual([
      "mfa.enrolled",
      "step_up.failed",
      "step_up.failed",
      "step_up.passed",
      "mfa.recovery_codes_regenerated",
      "mfa.disabled",
    ]);
  });

  it("cannot be turned off by a member whose organization's policy requires it, even during its grace period", async () => {
    const { user, org, args } = await enrolled();
    await db.membership.update({
      where: { orgId_userId: { orgId: org.id, userId: user.id } },
      data: { role: "MEMBER" },
    });
    await db.organization.update({
      where: { id: org.id },
      data: { requireMfa: true, requireMfaFrom: new Date(Date.now() + 86_400_000) },
    });
    await expect(disableTotp(args)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } })).not.toEqual({
      totpSecret: null,
    });
  });

  it("expires after five minutes", async () => {
    const { principal, password } = await signedInOwner();
    expect(await stepUp({ principal, password, context: testContext })).toEqual({ ok: true });
    expect(await hasRecentStepUp(db, principal.sessionId)).toBe(true);
    expect(await hasRecentStepUp(db, principal.sessionId, Date.now() + STEP_UP_WINDOW_MS + 1000)).toBe(false);
  });

  it("refuses to replace an active second factor without a step-up", async () => {
    const { user, args, principal, password, secret, step } = await enrolled();
    await expect(startTotpEnrolment(args)).rejects.toMatchObject({ code: "step_up_required" });
    const unchanged = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { totpSecret: true, totpPendingSecret: true },
    });
    expect(unchanged.totpPendingSecret).toBeNull();
    expect(await stepUp({ principal, password, code: await totpCodeAt(secret, step), context: testContext })).toEqual({
      ok: true,
    });
    const replacement = await startTotpEnrolment(args);
    await confirmTotpEnrolment({ ...args, code: await totpCodeAt(replacement.secret, currentStep()) });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } })).totpSecret,
    ).not.toBe(unchanged.totpSecret);
  });

  it("stops answering after ten attempts in fifteen minutes, even with the right password", async () => {
    const { principal, password } = await signedInOwner();
    for (let i = 0; i < STEP_UP_ATTEMPTS; i++)
      await stepUp({ principal, password: `wrong ${i}`, context: testContext });
    expect(await stepUp({ principal, password, context: testContext })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Too many attempts/),
    });
    expect(await hasRecentStepUp(db, principal.sessionId)).toBe(false);
  });
});
