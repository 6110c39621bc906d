import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { findSubject } from "./find-subject";
import { holdsCoveringRequestSubject } from "./holds-covering-request";

export type HeldErasure = { requestId: string; subject: string };

/**
 * The open erasure requests each active hold keeps from being completed (a hold covers their subject), by
 * hold id: what the holds screen shows as "holding back an erasure". Holds that hold back none are absent.
 */
export async function erasuresHeldBack(db: Db | Tx, ctx: Pick<OrgContext, "org">): Promise<Map<string, HeldErasure[]>> {
  const open = await db.dataSubjectRequest.findMany({
    where: { orgId: ctx.org.id, type: "erasure", status: "received" },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: { id: true, subject: true },
  });
  const held = new Map<string, HeldErasure[]>();
  for (const request of open) {
    const subject = await findSubject(db, ctx.org.id, request.subject);
    for (const hold of await holdsCoveringRequestSubject(db, ctx.org.id, subject))
      held.set(hold.id, [...(held.get(hold.id) ?? []), { requestId: request.id, subject: request.subject }]);
  }
  return held;
}
