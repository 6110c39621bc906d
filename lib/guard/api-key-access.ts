import "server-only";
import {
  authenticateApiKey,
  ApiKeyRefusal,
  rateLimitHeaders,
  type ApiKeyAccess,
  type ApiKeyFacts,
} from "@/lib/api-keys/authenticate-api-key";
import { apiKeyTarget } from "@/lib/api-keys/api-key-view";
import { raiseSecurityAlertOnItsOwn } from "@/lib/audit/security-alerts/raise-security-alert";
import { actorOf } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { effectivePermissions } from "@/lib/rbac/effective-permissions";
import type { Permission } from "@/lib/rbac/permissions";
import type { Scene } from "./scene";

/**
 * The pipeline's principal and org-and-permission steps for /api/v1: the key (looked up and checked
 * by lib/api-keys) names its holder and its organization, never the URL; what it may do is its scopes
 * within its holder's current role. `permission` null: any valid key may make the request (GET /me).
 */
export async function apiKeyAccess(
  scene: Scene,
  request: Request,
  path: string,
  permission: Permission | null,
): Promise<ApiKeyAccess> {
  const { method } = request;
  const authorization = request.headers.get("authorization");
  const key = await authenticateApiKey(getDb(), { authorization, method, path, request: scene.request });
  scene.principal = key.principal;
  scene.orgId = key.org.id;
  if (key.newAddress) await alertNewKeyAddress(key, scene);
  const permissions = effectivePermissions(key.role, key.scopes);
  if (permission !== null && !permissions.includes(permission)) {
    const why = key.scopes.includes(permission)
      ? `its creator's role (${key.role.toLowerCase()}) no longer allows ${permission}`
      : `it does not have the ${permission} scope`;
    const headers = rateLimitHeaders(key.rateLimit);
    const denial = key.useDenied("missing_scope", { permission });
    throw new ApiKeyRefusal("forbidden", `This API key cannot do that: ${why}.`, headers, denial);
  }
  const ctx = { principal: key.principal, org: key.org, role: key.role, permissions, request: scene.request };
  return { ctx, rateLimit: key.rateLimit, scopes: key.scopes, key: key.key };
}

/** A key used from an address it never was before: the request goes on; the organization's admins are told. */
async function alertNewKeyAddress(key: ApiKeyFacts, scene: Scene) {
  const { keyId: id, name, prefix } = key.principal;
  const target = apiKeyTarget({ id, name, prefix });
  await raiseSecurityAlertOnItsOwn(getDb(), {
    orgId: key.org.id,
    kind: "api_key_new_address",
    subject: target,
    groupKey: `api_key:${key.principal.keyId}:${scene.request.ip ?? "unknown"}`,
    entry: {
      actor: actorOf(key.principal),
      target,
      outcome: "failure",
      context: scene.request,
      metadata: { detail: `from ${scene.request.ip ?? "an unknown address"}` },
    },
  });
}
