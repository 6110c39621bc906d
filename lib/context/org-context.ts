import type { Permission, RoleName } from "@/lib/rbac/permissions";
import type { OrgPrincipal } from "./principal";
import type { RequestContext } from "./request-context";

export type OrgRef = { id: string; slug: string; name: string };

/** What a domain service receives: an authenticated, authorized caller inside one organization. */
export type OrgContext<P extends OrgPrincipal = OrgPrincipal> = {
  principal: P;
  org: OrgRef;
  role: RoleName;
  permissions: readonly Permission[];
  request: RequestContext;
  /**
   * Set when the caller is Verity's platform staff in a support session rather than a member: read-only
   * (the guard refuses every change), until `expiresAt` (ISO 8601).
   */
  support?: { sessionId: string; expiresAt: string; justification: string };
};
