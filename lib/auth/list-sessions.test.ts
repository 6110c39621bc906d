import { beforeAll, describe, expect, it } from "vitest";
import { listOwnSessions } from "@/lib/auth/list-sessions";
import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("listOwnSessions", () => {
  it("shows where each session signed in from, the current one first, and nothing of other users", async () => {
    const { user } = await createOwner();
    const stranger = await createOwner();
    const berlin = await db.$transaction((tx) =>
      createSession(tx, {
        userId: user.id,
        context: { ...testContext, geo: { country: "DE", region: "BE", city: "Berlin" } },
      }),
    );
    const unknown = await db.$transaction((tx) => createSession(tx, { userId: user.id, context: testContext }));
    await db.$transaction((tx) => createSession(tx, { userId: stranger.user.id, context: testContext }));

    const sessions = await listOwnSessions(db, { userId: user.id, currentSessionId: unknown.id });
    expect(sessions.map((session) => [session.id, session.current, session.location])).toEqual([
      [unknown.id, true, null],
      [berlin.id, false, "Berlin, DE"],
    ]);
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
});
