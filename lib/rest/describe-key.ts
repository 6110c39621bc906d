import "server-only";
import type { z } from "zod";
import type { ApiKeyAccess } from "@/lib/api-keys/authenticate-api-key";
import type { ZMe } from "./operations";

/**
 * GET /api/v1/me: the calling key, its organization, what it may do now and its rate limit. All of it
 * is what the request's own key lookup read a moment ago (authenticate-api-key.ts): no query of its own.
 */
export function describeKey({ ctx, rateLimit, scopes, key }: ApiKeyAccess): z.infer<typeof ZMe> {
  return {
    organization: ctx.org,
    key: {
      id: ctx.principal.keyId,
      name: ctx.principal.name,
      prefix: ctx.principal.prefix,
      environment: key.environment,
      readOnly: key.readOnly || !key.pinned, // an unpinned key only reads, whatever it was created as
      scopes,
      effectivePermissions: [...ctx.permissions],
      allowedCidrs: key.allowedCidrs,
      expiresAt: key.expiresAt.toISOString(),
    },
    actingFor: { userId: ctx.principal.userId, email: ctx.principal.email, role: ctx.role },
    rateLimit,
  };
}
