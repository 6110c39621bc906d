import "server-only";
import type { OrgContext } from "@/lib/context";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";

export const DEMO_ORG_SLUG = "acme";

/** A demo person acting in the demo organization, as the seed's own requests (no session, no address). */
export function demoContext(
  orgId: string,
  person: { id: string; email: string; name: string; role: RoleName },
): OrgContext {
  return {
    principal: { type: "user", userId: person.id, sessionId: "seed", email: person.email, name: person.name },
    org: { id: orgId, slug: DEMO_ORG_SLUG, name: "Acme" },
    role: person.role,
    permissions: ROLE_PERMISSIONS[person.role],
    request: { ip: null, userAgent: "verity seed --demo", geo: null, requestId: null },
  };
}
