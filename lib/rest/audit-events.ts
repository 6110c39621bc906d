import "server-only";
import type { z } from "zod";
import { entryViewOf, type TAuditEntryView } from "@/lib/audit/list-audit-entries";
import type { Prisma, Tx } from "@/lib/db";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ZAuditEventsQuery } from "./operations";

/** A page of the organization's entries for GET /api/v1/audit-events, newest first, by keyset over seq. */
export async function listAuditEventsPage(
  tx: Tx,
  orgId: string,
  query: z.infer<typeof ZAuditEventsQuery>,
): Promise<{ data: TAuditEntryView[]; nextCursor: string | null }> {
  const beforeSeq = query.cursor ? decodeCursor(query.cursor, orgId) : null;
  const where: Prisma.AuditEntryWhereInput = {
    orgId,
    ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}),
    ...(query.action ? (query.action.endsWith("*") ? { action: { startsWith: query.action.slice(0, -1) } } : { action: query.action }) : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.actor ? { OR: [{ actorId: query.actor }, { actorDisplay: query.actor }, { actorDisplay: { startsWith: query.actor } }] } : {}),
    ...(query.since || query.until
      ? { occurredAt: { ...(query.since ? { gte: new Date(query.since) } : {}), ...(query.until ? { lt: new Date(query.until) } : {}) } }
      : {}),
  };
  const rows = await tx.auditEntry.findMany({ where, orderBy: { seq: "desc" }, take: query.limit });
  const last = rows.at(-1);
  return {
    data: rows.map(entryViewOf),
    nextCursor: rows.length === query.limit && last && last.seq > 1n ? encodeCursor(orgId, last.seq.toString()) : null,
  };
}
