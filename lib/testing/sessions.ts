import { encode } from "next-auth/jwt";
import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";

export const TEST_AUTH_SECRET = "test-secret-for-verity-sessions-only";

/** A signed-in browser's cookie header for `userId`, backed by a real Session row. */
export async function sessionCookieFor(db: Db, userId: string) {
  process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;
  const session = await db.$transaction((tx) => createSession(tx, { userId, context: null }));
  const token = await encode({ token: { userId, sessionId: session.id }, secret: TEST_AUTH_SECRET });
  return { cookie: `next-auth.session-token=${token}`, sessionId: session.id };
}

export function requestWith(
  url: string,
  {
    cookie,
    method = "GET",
    headers = {},
    body,
  }: { cookie?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Request(`http://localhost${url}`, {
    method,
    body,
    headers: {
      "x-verity-peer-ip": "198.51.100.20",
      "user-agent": "guard-test",
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
  });
}

export const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });
