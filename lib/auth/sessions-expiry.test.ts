import { beforeAll, describe, expect, it } from "vitest";
import { createSession, findLiveSession, sessionPolicyFor } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const open = (userId: string, now: Date) => db.$transaction((tx) => createSession(tx, { userId, context: null, now }));
const tighten = (orgId: string, sessionIdleMinutes: number | null, sessionAbsoluteHours: number | null) =>
  db.organization.update({ where: { id: orgId }, data: { sessionIdleMinutes, sessionAbsoluteHours } });

describe("session limits by default (30 minutes idle, 12 hours absolute)", () => {
  it("ends a session left idle for more than 30 minutes, and activity keeps it alive", async () => {
    const { user } = await createOwner();
    const t0 = new Date();
    const idle = await open(user.id, t0);
    expect(await findLiveSession(db, idle.id, later(t0, 29 * MINUTE))).not.toBeNull();
    // The request at 29 minutes moved lastSeenAt: 30 minutes from there it is still live, 31 not.
    expect(await findLiveSession(db, idle.id, later(t0, 58 * MINUTE))).not.toBeNull();
    expect(await findLiveSession(db, idle.id, later(t0, 89 * MINUTE))).toBeNull();
  });

  it("ends a session after 12 hours however active it is, and never extends the idle limit past that", async () => {
    const { user } = await createOwner();
    const t0 = new Date();
    const session = await open(user.id, t0);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(await findLiveSession(db, session.id, later(t0, minutes * MINUTE))).not.toBeNull();
    }
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.idleExpiresAt.getTime()).toBeLessThanOrEqual(later(t0, 12 * HOUR).getTime());
    expect(await findLiveSession(db, session.id, later(t0, 12 * HOUR + MINUTE))).toBeNull();
  });
});

describe("session limits tightened by the organization", () => {
  it("opens new sessions with the org's limits and ends them by those limits", async () => {
    const { user, org } = await createOwner();
    await tighten(org.id, 5, 1);
    const t0 = new Date();
    const session = await open(user.id, t0);
    expect(session.idleExpiresAt).toEqual(later(t0, 5 * MINUTE));
    expect(session.absoluteExpiresAt).toEqual(later(t0, HOUR));
    expect(await findLiveSession(db, session.id, later(t0, 4 * MINUTE))).not.toBeNull();
    expect(await findLiveSession(db, session.id, later(t0, 10 * MINUTE))).toBeNull();
  });

  it("ends sessions opened before the policy was tightened, by the new limits", async () => {
    const { user, org } = await createOwner();
    const t0 = new Date();
    const idle = await open(user.id, t0);
    const active = await open(user.id, t0);
    await tighten(org.id, 5, 1);
    // Stored expiries still say 30 minutes / 12 hours; the policy is what counts.
    expect(await findLiveSession(db, idle.id, later(t0, 6 * MINUTE))).toBeNull();
    for (const minutes of [4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56]) {
      expect(await findLiveSession(db, active.id, later(t0, minutes * MINUTE))).not.toBeNull();
    }
    expect(await findLiveSession(db, active.id, later(t0, 60 * MINUTE + 1000))).toBeNull();
  });

  it("gives a person in two organizations the stricter limit of each kind", async () => {
    const { user, org } = await createOwner();
    const other = await createOwner();
    await db.membership.create({ data: { orgId: other.org.id, userId: user.id, role: "MEMBER" } });
    await tighten(org.id, null, 3);
    await tighten(other.org.id, 10, 8);
    expect(await sessionPolicyFor(db, { userId: user.id })).toEqual({ idleMs: 10 * MINUTE, absoluteMs: 3 * HOUR });
    const t0 = new Date();
    const session = await open(user.id, t0);
    expect(session.idleExpiresAt).toEqual(later(t0, 10 * MINUTE));
    expect(session.absoluteExpiresAt).toEqual(later(t0, 3 * HOUR));
    expect(await findLiveSession(db, session.id, later(t0, 11 * MINUTE))).toBeNull();
    // The laxer org's own owner keeps its limits: a policy follows the person, not the org.
    expect(await sessionPolicyFor(db, { userId: other.user.id })).toEqual({
      idleMs: 10 * MINUTE,
      absoluteMs: 8 * HOUR,
    });
  });
});
