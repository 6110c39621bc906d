import type { Actor } from "./actor";

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

/**
 * Who an entry names as its actor. A key's entries answer "on whose authority" in the actor's display
 * ("Deploy bot (vk_live_AbCd…) on behalf of ada@example.com"): the actor's shape, which the hash chain covers,
 * stays {type, id, display}, and a customer's own metadata (ingest) cannot forge or hide the holder.
 */
export function actorOf(principal: OrgPrincipal): Actor {
  if (principal.type === "api_key")
    return { type: "api_key", id: principal.keyId, display: apiKeyActorDisplay(principal) };
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
