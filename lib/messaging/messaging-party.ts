import "server-only";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { auditedBy, type AuditParty, type OrgContext } from "@/lib/context";

/** Who a messaging change is recorded for: the caller (a member or a key), or Verity itself for jobs. */
export type MessagingParty = AuditParty | (Omit<AuditParty, "context"> & { context: null });

export function partyOf(ctx: OrgContext): MessagingParty {
  return auditedBy(ctx);
}

/** Verity's own jobs (the delivery worker, an inbound STOP): the actor is Verity, no request behind it. */
export function systemParty(orgId: string): MessagingParty {
  return { orgId, actor: SYSTEM_ACTOR, context: null };
}
