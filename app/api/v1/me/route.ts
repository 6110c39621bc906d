import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.me, async ({ ctx, tx, access }) => {
  const key = await tx.apiKey.findUniqueOrThrow({ where: { id: ctx.principal.keyId, orgId: ctx.org.id } });
  return {
    organization: ctx.org,
    key: {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      environment: key.environment === "LIVE" ? ("live" as const) : ("test" as const),
      readOnly: key.readOnly,
      scopes: key.scopes,
      effectivePermissions: [...ctx.permissions],
      allowedCidrs: key.allowedCidrs,
      expiresAt: key.expiresAt.toISOString(),
    },
    actingFor: { userId: ctx.principal.userId, email: ctx.principal.email, role: ctx.role },
    rateLimit: access.rateLimit,
  };
});
