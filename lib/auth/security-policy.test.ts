import { beforeAll, describe, expect, it } from "vitest";
import { updateSecurityPolicyAction } from "@/app/[orgSlug]/security/policy/actions";
import { findLiveSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner as signUpOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";
import { resolveOrgAccess } from "@/lib/guard/org-access";
import { membersWithoutSecondFactor } from "@/lib/orgs/update-security-policy";
import { testContext } from "@/lib/testing/factories";
import type { Principal } from "@/lib/context";

let db: Db;
/** Owners and admins use the panel only with a second factor (lib/guard/org-access.ts). */
async function createOwner() {
  const person = await signUpOwner();
  await enrolTotp(db, person.user.id);
  return person;
}
beforeAll(() => {
  db = testDb();
});

const policyOf = (orgId: string) =>
  db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { requireMfa: true, sessionIdleMinutes: true, sessionAbsoluteHours: true },
  });
const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });

describe("the security policy form", () => {
  it("saves the policy and records the values before and after, with the owner as actor", async () => {
    const { user, org } = await createOwner();
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const result = await updateSecurityPolicyAction(org.slug, {
      requireMfa: true,
      sessionIdleMinutes: "10",
      sessionAbsoluteHours: "4",
    });
    expect(result).toMatchObject({ ok: true });
    expect(await policyOf(org.id)).toEqual({ requireMfa: true, sessionIdleMinutes: 10, sessionAbsoluteHours: 4 });
    const entry = await lastEntry(org.id);
    expect(entry).toMatchObject({
      action: "org.updated",
      category: "org_settings",
      actorId: user.id,
      targetId: org.id,
    });
    expect(entry.metadata).toEqual({
      before: { requireMfa: false, sessionIdleMinutes: null, sessionAbsoluteHours: null, requireMfaFrom: null },
      after: { requireMfa: true, sessionIdleMinutes: 10, sessionAbsoluteHours: 4, requireMfaFrom: null },
    });
  });

  it("answers out-of-range limits with field errors and writes nothing", async () => {
    const { user, org } = await createOwner();
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const before = await lastEntry(org.id);
    for (const [idle, absolute] of [
      ["4", "13"],
      ["31", "0"],
      ["", "x"],
      ["7.5", "2.5"],
    ]) {
      const result = await updateSecurityPolicyAction(org.slug, {
        requireMfa: true,
        sessionIdleMinutes: idle,
        sessionAbsoluteHours: absolute,
      });
      expect(result).toMatchObject({ ok: false, error: "Check the highlighted fields." });
      if (result.ok) continue;
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["sessionAbsoluteHours", "sessionIdleMinutes"]);
    }
    expect(await policyOf(org.id)).toEqual({ requireMfa: false, sessionIdleMinutes: null, sessionAbsoluteHours: null });
    expect((await lastEntry(org.id)).seq).toBe(before.seq);
  });

  it("is for owners only: an admin is refused and nothing changes", async () => {
    const { org } = await createOwner();
    const admin = await createOwner();
    await db.membership.create({ data: { orgId: org.id, userId: admin.user.id, role: "ADMIN" } });
    testBrowser.cookie = (await sessionCookieFor(db, admin.user.id)).cookie;
    const result = await updateSecurityPolicyAction(org.slug, {
      requireMfa: false,
      sessionIdleMinutes: 5,
      sessionAbsoluteHours: 1,
    });
    expect(result).toMatchObject({ ok: false, error: "Your role (admin) does not allow org.security_policy." });
    expect(await policyOf(org.id)).toMatchObject({ sessionIdleMinutes: null });
  });

  it("records nothing when the values did not change", async () => {
    const { user, org } = await createOwner();
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const input = { requireMfa: false, sessionIdleMinutes: 20, sessionAbsoluteHours: 6 };
    await updateSecurityPolicyAction(org.slug, input);
    const saved = await lastEntry(org.id);
    expect(await updateSecurityPolicyAction(org.slug, input)).toEqual({ ok: true, data: { changed: [] } });
    expect((await lastEntry(org.id)).seq).toBe(saved.seq);
  });

  it("ends members' existing sessions by the tightened limits", async () => {
    const { user, org } = await createOwner();
    const member = await createOwner();
    await db.membership.create({ data: { orgId: org.id, userId: member.user.id, role: "MEMBER" } });
    const theirs = await sessionCookieFor(db, member.user.id);
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    await updateSecurityPolicyAction(org.slug, { requireMfa: false, sessionIdleMinutes: 5, sessionAbsoluteHours: 12 });
    const inSixMinutes = new Date(Date.now() + 6 * 60_000);
    expect(await findLiveSession(db, theirs.sessionId)).not.toBeNull();
    expect(await findLiveSession(db, theirs.sessionId, inSixMinutes)).toBeNull();
  });

  it("gives members without a second factor the chosen grace period, then sends them to set it up", async () => {
    const { user, org } = await createOwner();
    const member = await signUpOwner();
    await db.membership.create({ data: { orgId: org.id, userId: member.user.id, role: "MEMBER" } });
    expect((await membersWithoutSecondFactor(db, org.id)).map((row) => row.email)).toEqual([member.user.email]);
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const before = Date.now();
    const input = { requireMfa: true, mfaGraceDays: "7", sessionIdleMinutes: 30, sessionAbsoluteHours: 12 };
    expect(await updateSecurityPolicyAction(org.slug, input)).toMatchObject({ ok: true });
    const { requireMfaFrom } = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    const sevenDays = 7 * 24 * 3_600_000;
    expect(requireMfaFrom!.getTime()).toBeGreaterThanOrEqual(before + sevenDays);
    expect(requireMfaFrom!.getTime()).toBeLessThan(Date.now() + sevenDays + 1);
    expect((await lastEntry(org.id)).metadata).toMatchObject({
      after: { requireMfaFrom: requireMfaFrom!.toISOString() },
    });
    // Saving again while it is on keeps the date: the grace period does not restart.
    await updateSecurityPolicyAction(org.slug, { ...input, sessionIdleMinutes: 20 });
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ requireMfaFrom });

    const principal: Principal = {
      type: "user",
      userId: member.user.id,
      sessionId: (await sessionCookieFor(db, member.user.id)).sessionId,
      email: member.user.email,
      name: member.user.name,
    };
    const access = () => resolveOrgAccess(principal, org.slug, "org.read", testContext);
    await expect(access()).resolves.toMatchObject({ role: "MEMBER" });
    await db.organization.update({ where: { id: org.id }, data: { requireMfaFrom: new Date(Date.now() - 1000) } });
    await expect(access()).rejects.toMatchObject({ code: "mfa_required" });
  });

  it("refuses a grace period that is not offered", async () => {
    const { user, org } = await createOwner();
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const result = await updateSecurityPolicyAction(org.slug, {
      requireMfa: true,
      mfaGraceDays: "5000",
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { mfaGraceDays: expect.any(Array) } });
    expect(await policyOf(org.id)).toMatchObject({ requireMfa: false });
  });
});
