import { beforeAll, describe, expect, it } from "vitest";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";
import { findLiveSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const actionsOf = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } })).map((entry) => entry.action);

describe("sign-in", () => {
  it("opens a live session and records the sign-in with its request context", async () => {
    const { user, org, password } = await createOwner();
    const result = await signIn({ input: { email: user.email.toUpperCase(), password }, context: testContext });
    expect(result).toMatchObject({ ok: true, userId: user.id });
    if (!result.ok) return;
    expect(await findLiveSession(db, result.sessionId)).not.toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.signed_in" } });
    expect(entry).toMatchObject({ outcome: "success", ip: testContext.ip, userAgent: testContext.userAgent, requestId: testContext.requestId });
  });

  it("answers a wrong password and an unknown email the same, recording the failure without the password", async () => {
    const { user, org } = await createOwner();
    const wrong = await signIn({ input: { email: user.email, password: "guess-1234567890" }, context: testContext });
    const unknown = await signIn({ input: { email: "nobody@example.test", password: "guess-1234567890" }, context: testContext });
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual(wrong);
    const failure = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "user.sign_in_failed" } });
    expect(failure.outcome).toBe("failure");
    expect(JSON.stringify(failure.metadata)).not.toContain("guess-1234567890");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("signing out revokes the session and records it once", async () => {
    const { user, org, password } = await createOwner();
    const result = await signIn({ input: { email: user.email, password }, context: testContext });
    if (!result.ok) throw new Error("sign-in failed");
    await signOut({ userId: user.id, sessionId: result.sessionId, context: testContext });
    await signOut({ userId: user.id, sessionId: result.sessionId, context: testContext });
    expect(await findLiveSession(db, result.sessionId)).toBeNull();
    expect(await actionsOf(org.id)).toEqual(["org.created", "user.signed_up", "user.signed_in", "user.signed_out"]);
  });
});

describe("sign-up", () => {
  it("refuses a duplicate email with a clear message and writes nothing", async () => {
    const { user } = await createOwner();
    const orgs = await db.organization.count();
    await expect(
      signUp({ input: { name: "Again", email: user.email, password: "another long password" }, context: testContext }),
    ).rejects.toMatchObject({ code: "conflict", fieldErrors: { email: ["An account with this email already exists."] } });
    expect(await db.organization.count()).toBe(orgs);
  });

  it("rejects invalid input before touching the database", async () => {
    const users = await db.user.count();
    await expect(signUp({ input: { name: "", email: "x", password: "short" }, context: null })).rejects.toThrow();
    expect(await db.user.count()).toBe(users);
  });

  it("stores the password only as an argon2id hash", async () => {
    const { user, password } = await createOwner();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(stored.passwordHash).not.toContain(password);
    // The global omit keeps the hash out of ordinary queries.
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).not.toHaveProperty("passwordHash");
  });
});
