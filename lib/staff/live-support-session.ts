import "server-only";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import type { RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { SupportSession } from "@/lib/db/generated/client";
import { sessionTarget, staffAccessMetadata, staffActor } from "./support-session-event";

/**
 * The staff member's live support session in the organization, or null: started, not ended, not expired,
 * and the person still platform staff (a revoked grant stops every session on the next request).
 */
export async function findLiveSupportSession(db: Db, userId: string, orgId: string, now = new Date()) {
  return db.supportSession.findFirst({
    where: {
      staffUserId: userId,
      orgId,
      endedAt: null,
      startedAt: { not: null, lte: now },
      expiresAt: { gt: now },
      staff: { platformStaff: { isNot: null } },
    },
    orderBy: { startedAt: "desc" },
  });
}

type View = { permission: string; via: "page" | "api" | "action"; method?: string };

/** A page view or an API read in support mode, in the customer's trail (committed on its own: a read changes nothing). */
export async function recordSupportView(
  db: Db,
  session: SupportSession,
  orgSlug: string,
  request: RequestContext,
  view: View,
) {
  await appendAuditEntryOnItsOwn(db, {
    orgId: session.orgId,
    action: "staff_access.viewed",
    actor: staffActor(session),
    target: sessionTarget(session),
    context: request,
    metadata: { ...staffAccessMetadata(session, orgSlug), ...view },
  });
}
