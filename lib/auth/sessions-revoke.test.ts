import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  revokeMemberSessionsAction,
  revokeOtherSessionsAction,
  revokeOwnSessionAction,
} from "@/app/[orgSlug]/security/sessions/actions";
import { listMemberSessions, listOwnSessions } from "@/lib/auth/list-sessions";
import type { Db } from "@/lib/db/client";
import { resolvePrincipal } from "@/lib/guard/principal";
import { testDb } from "@/lib/testing/database";
import { createOwner as signUpOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";

let db: Db;
/** Owners and admins use the panel only with a second factor (lib/guard/org-access.ts). */
async function createOwner() {
  const person = await signUpOwner();
  await enrolTotp(db, person.user.id);
  return person;
}
let owner: Awaited<ReturnType<typeof createOwner>>;
beforeAll(async () => {
  db = testDb();
  owner = await createOwner();
});
beforeEach(() => {
  testBrowser.cookie = "";
});

const signedIn = (userId: string) => sessionCookieFor(db, userId);
const isLive = async ({ cookie }: { cookie: string }) =>
  (await resolvePrincipal({ cookie, authorization: null })) !== null;
const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });

async function joinAs(role: "ADMIN" | "MEMBER" | "OWNER") {
  const person = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: person.user.id, role } });
  return person;
}

describe("your sessions", () => {
  it("lists only the principal's own live sessions, the current one first and marked", async () => {
    const { user } = await createOwner();
    const first = await signedIn(user.id);
    const second = await signedIn(user.id);
    await signedIn(owner.user.id);
    const sessions = await listOwnSessions(db, { userId: user.id, currentSessionId: second.sessionId });
    expect(sessions.map((session) => session.id)).toEqual([second.sessionId, first.sessionId]);
    expect(sessions.map((session) => session.current)).toEqual([true, false]);
    expect(Object.keys(sessions[0]).sort()).toEqual([
      "createdAt",
      "current",
      "id",
      "ip",
      "lastSeenAt",
      "location",
      "userAgent",
    ]);
  });

  it("revokes another of one's own sessions: it is refused on its next request, and the revocation is audited", async () => {
    const current = await signedIn(owner.user.id);
    const other = await signedIn(owner.user.id);
    testBrowser.cookie = current.cookie;
    expect(await revokeOwnSessionAction(owner.org.slug, { sessionId: other.sessionId })).toEqual({
      ok: true,
      data: { revoked: 1, endedCurrent: false },
    });
    expect(await isLive(other)).toBe(false);
    expect(await isLive(current)).toBe(true);
    const entry = await lastEntry(owner.org.id);
    expect(entry).toMatchObject({
      action: "session.revoked",
      outcome: "success",
      actorId: owner.user.id,
      targetId: owner.user.id,
      ip: "198.51.100.20",
    });
    expect(entry.metadata).toEqual({ sessionId: other.sessionId, scope: "one" });
  });

  it("answers another's session id with not_found, changes nothing, and records the probe, flagged, in their organization", async () => {
    const stranger = await createOwner();
    const theirs = await signedIn(stranger.user.id);
    testBrowser.cookie = (await signedIn(owner.user.id)).cookie;
    const result = await revokeOwnSessionAction(owner.org.slug, { sessionId: theirs.sessionId });
    const missing = await revokeOwnSessionAction(owner.org.slug, { sessionId: crypto.randomUUID() });
    expect(result).toEqual({ ok: false, code: "not_found", error: "No such session: it may have ended already." });
    expect(missing).toEqual(result);
    expect(await isLive(theirs)).toBe(true);
    const entry = await lastEntry(stranger.org.id);
    expect(entry).toMatchObject({ action: "access.denied", outcome: "denied", actorId: owner.user.id });
    expect(entry.metadata).toEqual({ permission: "org.read", reason: "foreign_session", crossTenant: true });
    expect(
      await db.auditEntry.count({ where: { orgId: owner.org.id, action: "access.denied", actorId: owner.user.id } }),
    ).toBe(0);
    expect(await db.auditEntry.count({ where: { orgId: stranger.org.id, action: "session.revoked" } })).toBe(0);
  });

  it("signs out every other session and keeps the current one", async () => {
    const { user, org } = await createOwner();
    const [current, a, b] = [await signedIn(user.id), await signedIn(user.id), await signedIn(user.id)];
    testBrowser.cookie = current.cookie;
    expect(await revokeOtherSessionsAction(org.slug, {})).toEqual({
      ok: true,
      data: { revoked: 2, endedCurrent: false },
    });
    expect([await isLive(current), await isLive(a), await isLive(b)]).toEqual([true, false, false]);
    expect((await lastEntry(org.id)).metadata).toEqual({ sessionId: "*", scope: "all_others" });
  });

  it("may end the current session itself, which then stops working", async () => {
    const { user, org } = await createOwner();
    const current = await signedIn(user.id);
    testBrowser.cookie = current.cookie;
    expect(await revokeOwnSessionAction(org.slug, { sessionId: current.sessionId })).toEqual({
      ok: true,
      data: { revoked: 1, endedCurrent: true },
    });
    expect(await isLive(current)).toBe(false);
  });
});

describe("member sessions", () => {
  it("lets an admin revoke every session of a member, audited in the org with the admin as actor", async () => {
    const admin = await joinAs("ADMIN");
    const member = await joinAs("MEMBER");
    const sessions = [await signedIn(member.user.id), await signedIn(member.user.id)];
    const before = (await listMemberSessions(db, { orgId: owner.org.id })).find((row) => row.userId === member.user.id);
    expect(before?.liveSessions).toBe(2);
    testBrowser.cookie = (await signedIn(admin.user.id)).cookie;
    expect(await revokeMemberSessionsAction(owner.org.slug, { userId: member.user.id })).toEqual({
      ok: true,
      data: { revoked: 2, endedCurrent: false },
    });
    expect(await Promise.all(sessions.map(isLive))).toEqual([false, false]);
    const entry = await lastEntry(owner.org.id);
    expect(entry).toMatchObject({ action: "session.revoked", actorId: admin.user.id, targetId: member.user.id });
    expect(entry.metadata).toEqual({ sessionId: "*", scope: "all_of_member" });
  });

  it("refuses an admin against an owner, keeps the owner signed in, and records the denial", async () => {
    const admin = await joinAs("ADMIN");
    const ownerSession = await signedIn(owner.user.id);
    testBrowser.cookie = (await signedIn(admin.user.id)).cookie;
    const result = await revokeMemberSessionsAction(owner.org.slug, { userId: owner.user.id });
    expect(result).toEqual({ ok: false, code: "forbidden", error: "Only an owner can revoke an owner's sessions." });
    expect(await isLive(ownerSession)).toBe(true);
    const entry = await lastEntry(owner.org.id);
    expect(entry).toMatchObject({ action: "access.denied", outcome: "denied", actorId: admin.user.id });
    expect(entry.metadata).toMatchObject({ reason: "owner_protected", permission: "members.update" });
  });

  it("lets an owner revoke a co-owner's sessions", async () => {
    const coOwner = await joinAs("OWNER");
    const theirs = await signedIn(coOwner.user.id);
    testBrowser.cookie = (await signedIn(owner.user.id)).cookie;
    expect(await revokeMemberSessionsAction(owner.org.slug, { userId: coOwner.user.id })).toMatchObject({
      ok: true,
      data: { revoked: 1 },
    });
    expect(await isLive(theirs)).toBe(false);
  });

  it("answers a person outside the org with not_found, flagged cross-tenant, and revokes nothing", async () => {
    const stranger = await createOwner();
    const theirs = await signedIn(stranger.user.id);
    testBrowser.cookie = (await signedIn(owner.user.id)).cookie;
    expect(await revokeMemberSessionsAction(owner.org.slug, { userId: stranger.user.id })).toEqual({
      ok: false,
      code: "not_found",
      error: "No such member in this organization.",
    });
    expect(await isLive(theirs)).toBe(true);
    expect(await lastEntry(stranger.org.id)).toMatchObject({
      action: "access.denied",
      metadata: { reason: "not_a_member", crossTenant: true },
    });
    expect(await revokeMemberSessionsAction(owner.org.slug, { userId: crypto.randomUUID() })).toEqual({
      ok: false,
      code: "not_found",
      error: "No such member in this organization.",
    });
  });

  it("refuses a plain member, who lacks members.update", async () => {
    const member = await joinAs("MEMBER");
    const admin = await joinAs("ADMIN");
    const theirs = await signedIn(admin.user.id);
    testBrowser.cookie = (await signedIn(member.user.id)).cookie;
    const result = await revokeMemberSessionsAction(owner.org.slug, { userId: admin.user.id });
    expect(result).toMatchObject({ ok: false, error: "Your role (member) does not allow members.update." });
    expect(await isLive(theirs)).toBe(true);
  });
});
