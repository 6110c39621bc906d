import type { Actor } from "./actor";
import type { OrgContext } from "./org-context";
import { actorOf } from "./principal";
import type { RequestContext } from "./request-context";

/** The who and where of an audit entry written inside an organization: its org, its actor, its request. */
export type AuditParty = { orgId: string; actor: Actor; context: RequestContext };

/** `appendAuditEntry(tx, { ...auditedBy(ctx), action, target, metadata })`: the caller, in its organization. */
export function auditedBy(ctx: OrgContext): AuditParty {
  return { orgId: ctx.org.id, actor: actorOf(ctx.principal), context: ctx.request };
}
