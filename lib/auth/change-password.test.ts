import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { changePassword } from "@/lib/auth/change-password";
import { verifyPassword } from "@/lib/auth/password";
import { findLiveSession } from "@/lib/auth/sessions";
import { currentStep, newTotpSecret, sealTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  // No key of its own: test files share one database, and every instance on one database shares its keys (the
  // platform data key that seals TOTP seeds is one for all of them).
  db = testDb();
});

const NEW_PASSWORD = "a brand new passphrase 2026";

async function signedInOwner() {
  const owner = await createOwner();
  const { sessionId } = await sessionCookieFor(db, owner.user.id);
  return { ...owner, principal: { userId: owner.user.id, sessionId, email: owner.user.email } };
}

const storedHash = async (userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } })).passwordHash;
const actionsOf = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } })).map((entry) => entry.action);

describe("changing a password", () => {
  it("sets the new password, ends every other session, keeps this one, and records it without the password", async () => {
    const { user, org, password, principal } = await signedInOwner();
    const others = [await sessionCookieFor(db, user.id), await sessionCookieFor(db, user.id)];
    const now = new Date("2026-03-01T10:00:00Z");

    const result = await changePassword({
      principal,
      input: { currentPassword: password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      context: testContext,
      now,
    });

    expect(result).toEqual({ revokedSessions: 2 });
    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(await storedHash(user.id), password)).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt).toEqual(now);
    expect(await findLiveSession(db, principal.sessionId)).not.toBeNull();
    for (const other of others) expect(await findLiveSession(db, other.sessionId)).toBeNull();

    expect((await actionsOf(org.id)).slice(-2)).toEqual(["step_up.passed", "password.changed"]);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "password.changed" } });
    expect(entry).toMatchObject({ category: "credentials", outcome: "success", actorId: user.id, metadata: {} });
    const trail = JSON.stringify(await db.auditEntry.findMany({ where: { orgId: org.id } }), (_, value) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(trail).not.toContain(NEW_PASSWORD);
    expect(trail).not.toContain(password);
  });

  it("refuses a wrong current password, records the failed step-up, and changes nothing", async () => {
    const { user, org, principal } = await signedInOwner();
    const other = await sessionCookieFor(db, user.id);
    const before = await storedHash(user.id);

    await expect(
      changePassword({
        principal,
        input: { currentPassword: "not my password!", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        context: testContext,
      }),
    ).rejects.toMatchObject({ code: "forbidden", message: "That password is not correct." });

    expect(await storedHash(user.id)).toBe(before);
    expect(await findLiveSession(db, other.sessionId)).not.toBeNull();
    expect(await actionsOf(org.id)).not.toContain("password.changed");
    expect((await actionsOf(org.id)).at(-1)).toBe("step_up.failed");
  });

  it("answers bad input with field errors before checking anything, and writes nothing", async () => {
    const { user, org, password, principal } = await signedInOwner();
    const before = { hash: await storedHash(user.id), actions: await actionsOf(org.id) };
    const attempt = (input: Record<string, string>) => changePassword({ principal, input, context: testContext });

    const short = await attempt({ currentPassword: password, newPassword: "short", confirmPassword: "short" }).catch(
      (error) => error,
    );
    expect(short).toBeInstanceOf(z.ZodError);
    expect(z.flattenError(short).fieldErrors).toMatchObject({ newPassword: ["Use at least 12 characters."] });
    const mismatch = await attempt({
      currentPassword: password,
      newPassword: NEW_PASSWORD,
      confirmPassword: `${NEW_PASSWORD}!`,
    }).catch((error) => error);
    expect(z.flattenError(mismatch).fieldErrors).toMatchObject({ confirmPassword: ["The passwords do not match."] });
    const same = await attempt({ currentPassword: password, newPassword: password, confirmPassword: password }).catch(
      (error) => error,
    );
    expect(z.flattenError(same).fieldErrors).toMatchObject({
      newPassword: ["Choose a password different from your current one."],
    });

    expect(await storedHash(user.id)).toBe(before.hash);
    expect(await actionsOf(org.id)).toEqual(before.actions);
  });

  it("asks for the second factor of a user who has one", async () => {
    const { user, password, principal } = await signedInOwner();
    const secret = newTotpSecret();
    await db.user.update({
      where: { id: user.id },
      data: { totpSecret: await sealTotpSecret(db, user.id, secret), totpEnabledAt: new Date() },
    });
    const input = { currentPassword: password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

    await expect(changePassword({ principal, input, context: testContext })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await verifyPassword(await storedHash(user.id), password)).toBe(true);

    const code = await totpCodeAt(secret, currentStep());
    await changePassword({ principal, input: { ...input, code }, context: testContext });
    expect(await verifyPassword(await storedHash(user.id), NEW_PASSWORD)).toBe(true);
  });
});
