import { beforeAll, describe, expect, it } from "vitest";
import { resolvePrincipal } from "@/lib/guard/principal";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";

const { rotateSession } = await import("./session-rotation");

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("rotateSession", () => {
  it("replaces the session id after a step-up: the old cookie stops working, the re-issued one works", async () => {
    const { user } = await createOwner();
    const { cookie, sessionId } = await sessionCookieFor(db, user.id);
    const steppedUpAt = new Date();
    await db.session.update({ where: { id: sessionId }, data: { steppedUpAt } });

    const newId = await rotateSession({ userId: user.id, sessionId });
    expect(newId).not.toBe(sessionId);
    const [old, fresh] = await Promise.all([
      db.session.findUniqueOrThrow({ where: { id: sessionId } }),
      db.session.findUniqueOrThrow({ where: { id: newId } }),
    ]);
    expect(old.revokedAt).not.toBeNull();
    expect(fresh).toMatchObject({
      userId: user.id,
      revokedAt: null,
      steppedUpAt,
      createdAt: old.createdAt,
      absoluteExpiresAt: old.absoluteExpiresAt,
    });

    expect(await resolvePrincipal({ cookie, authorization: null })).toBeNull();
    const reissued = `next-auth.session-token=${testBrowser.jar.get("next-auth.session-token")}`;
    expect(await resolvePrincipal({ cookie: reissued, authorization: null })).toMatchObject({
      userId: user.id,
      sessionId: newId,
    });
  });
});
