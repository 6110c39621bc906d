import "server-only";
import type { z } from "zod";
import { entryViewOf, type TAuditEntryView } from "@/lib/audit/list-audit-entries";
import { auditQueryWhere } from "@/lib/audit/search/audit-query-where";
import { freeTextIndex } from "@/lib/audit/search/free-text-index";
import { escapeLike } from "@/lib/audit/search/like-pattern";
import { pageBySeq, type ReadSeqRows, type SeqCursor } from "@/lib/audit/search/page-by-seq";
import { parseAuditQuery } from "@/lib/audit/search/parse-audit-query";
import { AUDIT_ENTRY_COLUMNS } from "@/lib/audit/search/search-audit-entries";
import { Prisma, type Tx } from "@/lib/db";
import type { AuditEntry } from "@/lib/db/generated/client";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ZAuditEventsQuery } from "./operations";

const sql = Prisma.sql;

/** The individual filters of GET /api/v1/audit-events, as they behaved before `q`, as SQL beside it. */
function filterSql(query: z.infer<typeof ZAuditEventsQuery>): Prisma.Sql[] {
  const { action, actor } = query;
  return [
    ...(action ? [action.endsWith("*") ? sql`lower(action) LIKE ${`${escapeLike(action.slice(0, -1))}%`}` : sql`action = ${action}`] : []),
    ...(query.category ? [sql`category = ${query.category}`] : []),
    ...(query.outcome ? [sql`outcome = ${query.outcome}`] : []),
    ...(actor ? [sql`(actor_id = ${actor} OR actor_display = ${actor} OR actor_display LIKE ${`${escapeLike(actor)}%`})`] : []),
    ...(query.since ? [sql`occurred_at >= ${query.since}::timestamptz`] : []),
    ...(query.until ? [sql`occurred_at < ${query.until}::timestamptz`] : []),
  ];
}

/**
 * A page of the organization's entries for GET /api/v1/audit-events, newest first, by keyset over
 * seq both ways (nextCursor to older entries, prevCursor to newer ones): the search `q` ANDed with
 * the individual filters. A malformed q is a SearchSyntaxError (400 with its position); a cursor
 * from another organization, or a forged one, a 400 too.
 */
export async function listAuditEventsPage(
  tx: Tx,
  orgId: string,
  query: z.infer<typeof ZAuditEventsQuery>,
): Promise<{ data: TAuditEntryView[]; nextCursor: string | null; prevCursor: string }> {
  const matching = [...filterSql(query), auditQueryWhere(parseAuditQuery(query.q), await freeTextIndex(tx))];
  const cursor = query.cursor ? decodeCursor(query.cursor, orgId) : {};
  const read: ReadSeqRows<AuditEntry> = ({ beforeSeq, afterSeq }, limit) => {
    const conditions = [
      sql`org_id = ${orgId}::uuid`,
      ...(beforeSeq === undefined ? [] : [sql`seq < ${beforeSeq}`]),
      ...(afterSeq === undefined ? [] : [sql`seq > ${afterSeq}`]),
      ...matching,
    ];
    return tx.$queryRaw<AuditEntry[]>`
      SELECT ${AUDIT_ENTRY_COLUMNS}
        FROM audit_entries
       WHERE ${Prisma.join(conditions, " AND ")}
       ORDER BY seq ${afterSeq === undefined ? sql`DESC` : sql`ASC`}
       LIMIT ${limit}`;
  };
  const page = await pageBySeq(read, { limit: query.limit, ...cursor });
  return {
    data: page.rows.map(entryViewOf),
    nextCursor: page.nextBeforeSeq === null ? null : encodeCursor(orgId, page.nextBeforeSeq),
    prevCursor: encodeCursor(orgId, String(newerThan(page, cursor)), "newer"),
  };
}

/**
 * Where the entries newer than a page start: its newest entry, or, for an empty page, where it was
 * asked from. Always given, so that a client following the trail (a SIEM) polls the newest page's
 * prevCursor until new entries arrive, and an empty poll hands back the same position.
 */
function newerThan(page: { rows: AuditEntry[] }, { beforeSeq, afterSeq }: SeqCursor): bigint {
  if (page.rows.length > 0) return page.rows[0].seq;
  if (afterSeq !== undefined) return afterSeq;
  return beforeSeq === undefined ? 0n : beforeSeq - 1n;
}
