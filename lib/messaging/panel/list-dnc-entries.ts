import "server-only";
import type { DncEntryView } from "./panel-views";
import type { OrgContext } from "@/lib/context";
import type { ReadClient } from "@/lib/db/client";

export const DNC_PAGE_ROWS = 100;

/** The newest entries of the org's DNC list, or those whose number contains the searched digits; and the total. */
export async function listDncEntries(db: ReadClient, ctx: OrgContext, { q = "" }: { q?: string } = {}) {
  const digits = q.replace(/\D/g, "");
  const where = { orgId: ctx.org.id, ...(digits ? { phoneE164: { contains: digits } } : {}) };
  const [rows, total] = await Promise.all([
    db.messagingDncEntry.findMany({ where, orderBy: [{ addedAt: "desc" }, { phoneE164: "asc" }], take: DNC_PAGE_ROWS }),
    db.messagingDncEntry.count({ where: { orgId: ctx.org.id } }),
  ]);
  const entries: DncEntryView[] = rows.map((row) => ({
    phoneE164: row.phoneE164,
    reason: row.reason,
    source: row.source,
    addedAt: row.addedAt.toISOString(),
    addedBy: row.addedBy,
  }));
  return { entries, total };
}
