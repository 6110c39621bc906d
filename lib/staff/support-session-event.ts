import "server-only";
import type { SupportSession } from "@/lib/db/generated/client";

type SessionFacts = Pick<SupportSession, "id" | "staffUserId" | "staffEmail" | "justification">;

/** The metadata every staff_access.* entry carries: who, which session, why, and in which organization. */
export function staffAccessMetadata(session: SessionFacts, orgSlug: string) {
  return {
    staffAccess: true as const,
    supportSessionId: session.id,
    staffUserId: session.staffUserId,
    staffEmail: session.staffEmail,
    justification: session.justification,
    targetOrg: orgSlug,
  };
}

/** The staff member as the actor of their own entries. */
export function staffActor(session: Pick<SupportSession, "staffUserId" | "staffEmail">) {
  return { type: "user" as const, id: session.staffUserId, display: `${session.staffEmail} (Verity staff)` };
}

export function sessionTarget(session: Pick<SupportSession, "id" | "staffEmail">) {
  return { type: "support_session", id: session.id, display: `Support session of ${session.staffEmail}` };
}
