import NextAuth from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/auth-options";
import type { Db } from "@/lib/db/client";
import { resolvePrincipal } from "@/lib/guard/principal";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { sessionCookieFor, TEST_AUTH_SECRET } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/**
 * What page JavaScript gets from GET /api/auth/session (what useSession() and getSession() read):
 * next-auth's own handler with Verity's options, called the way a pages-router API route calls it
 * (the app route in app/api/auth/[...nextauth] wraps the same handler around next/headers).
 */
async function sessionSeenByPageScript(cookie: string) {
  const cookies = Object.fromEntries(cookie ? [cookie.split(/=(.*)/s).slice(0, 2)] : []);
  const answer = { status: 0, body: "" as unknown };
  const res = {
    status: (code: number) => ((answer.status = code), res),
    setHeader: () => res,
    getHeader: () => undefined,
    send: (body: unknown) => void (answer.body = body),
    json: (body: unknown) => void (answer.body = body),
    end: () => undefined,
  };
  const req = { method: "GET", query: { nextauth: ["session"] }, cookies, headers: { host: "localhost" }, body: {} };
  await NextAuth(req as never, res as never, { ...authOptions, secret: TEST_AUTH_SECRET });
  return { status: answer.status, text: typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body) };
}

describe("GET /api/auth/session", () => {
  it("never hands the session id to page JavaScript; the guard still reads it from the cookie on the server", async () => {
    const owner = await createOwner();
    const { cookie, sessionId } = await sessionCookieFor(db, owner.user.id);
    const { status, text } = await sessionSeenByPageScript(cookie);
    expect(status).toBe(200);
    const session = JSON.parse(text);
    expect(session).toMatchObject({ userId: owner.user.id, expires: expect.any(String) });
    expect(session).not.toHaveProperty("sessionId");
    // Not under any other name either.
    expect(text).not.toContain(sessionId);
    expect(await resolvePrincipal({ cookie, authorization: null })).toMatchObject({ userId: owner.user.id, sessionId });
  });

  it("answers an empty session to a browser that is not signed in", async () => {
    expect(JSON.parse((await sessionSeenByPageScript("")).text)).toEqual({});
  });
});
