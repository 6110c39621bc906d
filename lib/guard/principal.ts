import "server-only";
import { decode } from "next-auth/jwt";
import { findLiveSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/context";
import { AppError } from "@/lib/http/app-error";
import type { Scene } from "./scene";

export type Credentials = { cookie: string | null; authorization: string | null };

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function sessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const cookies = new Map(
    cookieHeader.split(";").map((part) => {
      const index = part.indexOf("=");
      return [part.slice(0, index).trim(), part.slice(index + 1).trim()] as const;
    }),
  );
  for (const name of SESSION_COOKIES) {
    if (!cookies.has(name)) continue;
    try {
      return decodeURIComponent(cookies.get(name)!);
    } catch {
      return null; // a malformed cookie is no session, not a server error
    }
  }
  return null;
}

/**
 * The principal behind a request, or null when there is none. A signed JWT is not enough: its
 * Session row must still be live, so a revoked session stops working on the very next request.
 */
export async function resolvePrincipal({ cookie, authorization }: Credentials): Promise<Principal | null> {
  if (authorization) {
    // API keys are for /api/v1 only (lib/guard/api-key-access.ts): a bearer credential here is refused, never ignored.
    throw new AppError(
      "unauthenticated",
      "API keys are accepted by /api/v1 only; the panel's endpoints take a session.",
    );
  }
  const token = sessionCookie(cookie);
  if (!token) return null;
  const claims = await decode({ token, secret: process.env.NEXTAUTH_SECRET ?? "" }).catch(() => null);
  if (!claims?.sessionId || !claims.userId) return null;
  const session = await findLiveSession(getDb(), claims.sessionId);
  if (!session || session.userId !== claims.userId) return null;
  return {
    type: "user",
    userId: session.user.id,
    sessionId: session.id,
    email: session.user.email,
    name: session.user.name,
  };
}

/**
 * The pipeline's principal step for the panel: the session's person, or 401 with `refusal` (an action
 * says the session has ended, a route asks to sign in).
 */
export async function sessionPrincipal(scene: Scene, credentials: Credentials, refusal: string): Promise<Principal> {
  const principal = await resolvePrincipal(credentials);
  if (!principal) throw new AppError("unauthenticated", refusal);
  scene.principal = principal;
  return principal;
}
