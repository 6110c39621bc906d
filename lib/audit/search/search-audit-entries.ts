import "server-only";
import { z } from "zod";
import { Prisma, type Db, type Tx } from "@/lib/db";
import type { AuditEntry } from "@/lib/db/generated/client";
import { entryViewOf, ZListAuditEntries, type TAuditEntryView } from "../list-audit-entries";
import { auditQueryWhere } from "./audit-query-where";
import { parseAuditQuery } from "./parse-audit-query";
import { MAX_QUERY_LENGTH } from "./tokenize-audit-query";

/** Every column of audit_entries under its Prisma name, so raw rows go through the same view mapper. */
export const AUDIT_ENTRY_COLUMNS = Prisma.sql`
  id::text AS "id", org_id::text AS "orgId", seq, occurred_at AS "occurredAt", category, action,
  actor_type AS "actorType", actor_id AS "actorId", actor_display AS "actorDisplay",
  target_type AS "targetType", target_id AS "targetId", target_display AS "targetDisplay",
  outcome, ip, user_agent AS "userAgent", geo, request_id AS "requestId", metadata,
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;

export const ZSearchAuditEntries = ZListAuditEntries.extend({ q: z.string().max(MAX_QUERY_LENGTH).default("") });

/** The search's one statement (also what the index test EXPLAINs). */
export function searchAuditEntriesSql({ orgId, q, limit, beforeSeq }: { orgId: string; q: string; limit: number; beforeSeq?: bigint }): Prisma.Sql {
  const where = auditQueryWhere(parseAuditQuery(q));
  return Prisma.sql`
    SELECT ${AUDIT_ENTRY_COLUMNS}
      FROM audit_entries
     WHERE org_id = ${orgId}::uuid
       ${beforeSeq ? Prisma.sql`AND seq < ${beforeSeq}` : Prisma.empty}
       AND ${where}
     ORDER BY seq DESC
     LIMIT ${limit}`;
}

/**
 * The entries of one organization matching a search, newest first, paged by seq (keyset) like
 * listAuditEntries. A malformed search throws SearchSyntaxError (400, with the position).
 */
export async function searchAuditEntries(
  db: Db | Tx,
  { orgId, q, limit, beforeSeq }: { orgId: string } & z.infer<typeof ZSearchAuditEntries>,
): Promise<{ entries: TAuditEntryView[]; nextBeforeSeq: string | null }> {
  const rows = await db.$queryRaw<AuditEntry[]>(searchAuditEntriesSql({ orgId, q, limit, ...(beforeSeq ? { beforeSeq } : {}) }));
  const last = rows.at(-1);
  return {
    entries: rows.map(entryViewOf),
    nextBeforeSeq: rows.length === limit && last && last.seq > 1n ? last.seq.toString() : null,
  };
}
