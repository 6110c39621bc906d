import "server-only";
import { decode } from "next-auth/jwt";
import type { AuditActor } from "@/lib/audit";
import { findLiveSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";

/** A person signed in to the panel with a live session. */
export type Principal = { type: "user"; userId: string; sessionId: string; email: string; name: string };

/**
 * An API key acting in its organization. It acts for its holder (`userId`, `email`: the person who
 * created it, or whose key created it), so a rule such as "members manage their own keys" reads the
 * same for both kinds, while the audit trail names the key and the person it acts for.
 */
export type ApiKeyPrincipal = {
  type: "api_key";
  keyId: string;
  /** The key's holder (its creator), whose current role bounds what the key may do. */
  userId: string;
  email: string;
  /** The key's name. */
  name: string;
  prefix: string;
};

/** Whoever acts inside an organization: a person in the panel or an API key through /api/v1. */
export type OrgPrincipal = Principal | ApiKeyPrincipal;

export type Credentials = { cookie: string | null; authorization: string | null };

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function sessionCookie(cookieHeader: string | null): string | null {
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
    // API keys are for /api/v1 only (lib/guard/with-api-key.ts): a bearer credential here is refused, never ignored.
    throw new AppError("unauthenticated", "API keys are accepted by /api/v1 only; the panel's endpoints take a session.");
  }
  const token = sessionCookie(cookie);
  if (!token) return null;
  const claims = await decode({ token, secret: process.env.NEXTAUTH_SECRET ?? "" }).catch(() => null);
  if (!claims?.sessionId || !claims.userId) return null;
  const session = await findLiveSession(getDb(), claims.sessionId);
  if (!session || session.userId !== claims.userId) return null;
  return { type: "user", userId: session.user.id, sessionId: session.id, email: session.user.email, name: session.user.name };
}

/**
 * Who an entry names as its actor. A key's entries answer "on whose authority" in the actor's display
 * ("Deploy bot (vk_live_AbCd…) on behalf of ada@example.com"): the actor's shape, which the hash chain covers,
 * stays {type, id, display}, and a customer's own metadata (ingest) cannot forge or hide the holder.
 */
export function actorOf(principal: OrgPrincipal): AuditActor {
  if (principal.type === "api_key") return { type: "api_key", id: principal.keyId, display: apiKeyActorDisplay(principal) };
  return { type: "user", id: principal.userId, display: principal.email };
}

/** A key acting, as the trail names it: the key, and the person it acts for. */
export function apiKeyActorDisplay(principal: Pick<ApiKeyPrincipal, "name" | "prefix" | "email">): string {
  return `${apiKeyDisplay(principal)} on behalf of ${principal.email}`;
}

/** How a key appears in the trail and on screens: its name and its non-secret prefix. */
export function apiKeyDisplay(key: { name: string; prefix: string }): string {
  return `${key.name} (${key.prefix}…)`;
}
