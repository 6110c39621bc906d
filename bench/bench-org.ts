import { randomUUID } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/orgs/create-organization";
import { ROLE_PERMISSIONS } from "@/lib/rbac/permissions";

type KeyInput = Parameters<typeof createApiKey>[2];

/** A new organization (on the Free plan) and its owner's context, as a signed-in owner's request would carry it. */
export async function benchOwner(db: Db, name: string): Promise<{ orgId: string; ctx: OrgContext }> {
  const user = await db.user.create({
    data: { email: `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID()}@example.test`, name, passwordHash: "x" },
  });
  const org = await db.$transaction((tx) =>
    createOrganization(tx, { name, ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
  );
  const ctx: OrgContext = {
    principal: { type: "user", userId: user.id, sessionId: "bench", email: user.email, name: user.name },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: "OWNER",
    permissions: ROLE_PERMISSIONS.OWNER,
    request: { ip: "127.0.0.1", userAgent: "bench", geo: null, requestId: null },
  };
  return { orgId: org.id, ctx };
}

/**
 * A new organization with its owner, and an API key of that owner's for the benchmark's requests: loopback only,
 * a rate limit no benchmark reaches.
 */
export async function benchOrgWithKey(
  db: Db,
  { name, scopes, readOnly }: { name: string; scopes: KeyInput["scopes"]; readOnly?: boolean },
): Promise<{ orgId: string; key: string }> {
  const { orgId, ctx } = await benchOwner(db, name);
  const { key } = await db.$transaction((tx) =>
    createApiKey(tx, ctx, {
      name: name.toLowerCase(),
      environment: "live",
      scopes,
      ...(readOnly ? { readOnly } : {}),
      allowedCidrs: ["127.0.0.0/8", "::1/128"],
      rateLimitPerMinute: 10_000,
    }),
  );
  return { orgId, key };
}
