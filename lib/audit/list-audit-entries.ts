import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db";
import type { AuditEntry } from "@/lib/db/generated/client";
import { ZAuditEntryView, type TAuditEntryView } from "./audit-entry-view";

export { ZAuditEntryView, type TAuditEntryView };

export const ZListAuditEntries = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeSeq: z.coerce.bigint().positive().max(9_223_372_036_854_775_807n).optional(),
});

/** Newest first, paged by seq (keyset): a page deep in the history costs what the first one does. */
export async function listAuditEntries(
  db: Db | Tx,
  { orgId, limit, beforeSeq }: { orgId: string } & z.infer<typeof ZListAuditEntries>,
): Promise<{ entries: TAuditEntryView[]; nextBeforeSeq: string | null }> {
  const rows = await db.auditEntry.findMany({
    where: { orgId, ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}) },
    orderBy: { seq: "desc" },
    take: limit,
  });
  const entries = rows.map(entryViewOf);
  const last = rows.at(-1);
  return { entries, nextBeforeSeq: rows.length === limit && last && last.seq > 1n ? last.seq.toString() : null };
}

/** A stored row in the shape it leaves the server in (the one mapper for lists, search, export and the API). */
export function entryViewOf(row: AuditEntry): TAuditEntryView {
  return ZAuditEntryView.parse({
    id: row.id,
    seq: row.seq.toString(),
    occurredAt: row.occurredAt.toISOString(),
    category: row.category,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId, display: row.actorDisplay },
    target: row.targetType === null ? null : { type: row.targetType, id: row.targetId, display: row.targetDisplay },
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.userAgent,
    geo: row.geo ?? null,
    requestId: row.requestId,
    metadata: row.metadata ?? {},
    prevHash: row.prevHash,
    hash: row.hash,
  });
}
