import "server-only";
import type { z } from "zod";
import type { ApiKeyAccess } from "@/lib/api-keys/authenticate-api-key";
import { isPinned } from "@/lib/api-keys/ip-ranges";
import type { Tx } from "@/lib/db/client";
import type { ZMe } from "./operations";

/** GET /api/v1/me: the calling key, its organization, what it may do now and its rate limit. */
export async function describeKey(tx: Tx, { ctx, rateLimit }: ApiKeyAccess): Promise<z.infer<typeof ZMe>> {
  const key = await tx.apiKey.findUniqueOrThrow({ where: { id: ctx.principal.keyId, orgId: ctx.org.id } });
  return {
    organization: ctx.org,
    key: {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      environment: key.environment === "LIVE" ? "live" : "test",
      readOnly: key.readOnly || !isPinned(key.allowedCidrs), // an unpinned key only reads, whatever it was created as
      scopes: key.scopes,
      effectivePermissions: [...ctx.permissions],
      allowedCidrs: key.allowedCidrs,
      expiresAt: key.expiresAt.toISOString(),
    },
    actingFor: { userId: ctx.principal.userId, email: ctx.principal.email, role: ctx.role },
    rateLimit,
  };
}
