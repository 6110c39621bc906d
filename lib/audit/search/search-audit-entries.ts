import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { queryRows, type Db, type Tx } from "@/lib/db/client";
import type { TAuditEntryView } from "../audit-entry-view";
import { AUDIT_ENTRY_COLUMNS, entryViewOf, type AuditEntryRow } from "../entry-view-of";
import { compileAuditSearch, type AuditSearch } from "./compile-audit-search";
import { freeTextIndex, type FreeTextIndex } from "./free-text-index";
import { pageBySeq, ZAfterSeq, ZBeforeSeq, type SeqCursor } from "./page-by-seq";
import { MAX_QUERY_LENGTH } from "./tokenize-audit-query";

/** `?q=&limit=&beforeSeq=` (older than) or `&afterSeq=` (newer than): a page of the search. */
export const ZSearchAuditEntries = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH).default(""),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    beforeSeq: ZBeforeSeq.optional(),
    afterSeq: ZAfterSeq.optional(),
  })
  .refine((query) => query.beforeSeq === undefined || query.afterSeq === undefined, {
    path: ["afterSeq"],
    message: "Page from beforeSeq or from afterSeq, not both.",
  });

/** A page of a search: the organization, the search (q and the structured filters), its size and its cursor. */
export type AuditSearchPage = { orgId: string; limit: number } & AuditSearch & SeqCursor;

/**
 * The search's one statement (also what the index test EXPLAINs): up to `limit` matches next to the
 * cursor, nearest first (seq DESC from beforeSeq or the newest entry, seq ASC from afterSeq).
 */
export function searchAuditEntriesSql(
  { orgId, limit, beforeSeq, afterSeq, ...search }: AuditSearchPage,
  freeText: FreeTextIndex,
): Prisma.Sql {
  const { where, range } = compileAuditSearch(search, freeText);
  const cursor =
    afterSeq !== undefined
      ? Prisma.sql`AND seq > ${afterSeq}`
      : beforeSeq !== undefined
        ? Prisma.sql`AND seq < ${beforeSeq}`
        : Prisma.empty;
  const page = (order: Prisma.Sql, gate: Prisma.Sql, columns = AUDIT_ENTRY_COLUMNS) => Prisma.sql`
    SELECT ${columns}
      FROM audit_entries
     WHERE ${gate} AND org_id = ${orgId}::uuid
       ${cursor}
       AND ${where}
     ORDER BY ${order}
     LIMIT ${limit}`;
  // Newer pages walk seq up from the cursor, a date range or not: the cursor came from a page of the
  // range, so the matches start right above it.
  if (afterSeq !== undefined) return page(Prisma.sql`seq ASC`, Prisma.sql`TRUE`);
  if (range === null) return page(Prisma.sql`seq DESC`, Prisma.sql`TRUE`);
  // A closed date range deep in the history: walking seq down from the newest entry (the plan the
  // planner takes for ORDER BY seq LIMIT n, believing matches are spread evenly) reads every entry
  // newer than the range first, half the trail for a week six months back. Instead, where the range
  // starts and ends in seq (one lookup each in the (org_id, occurred_at, seq) index) says which is
  // shorter: picking the page's seqs from the range in that index (index-only for a date range
  // alone; ORDER BY seq + 0 keeps the planner off the seq index) and fetching just those entries,
  // or walking seq down to it. Only one branch runs: its condition is a constant, evaluated once.
  // The seqs only choose the plan; occurred_at is still what filters, so entries imported with past
  // times (append-audit-entry's occurredAt) are found wherever they lie.
  const firstSeqFrom = (bound: Prisma.Sql) => Prisma.sql`(
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND occurred_at >= ${bound}
     ORDER BY occurred_at LIMIT 1)`;
  const walkFrom = beforeSeq !== undefined ? Prisma.sql`LEAST(${beforeSeq}, last_seq + 1)` : Prisma.sql`last_seq + 1`;
  const narrow = Prisma.sql`(
    SELECT coalesce(range_end, last_seq + 1) - coalesce(range_start, last_seq + 1) < ${walkFrom} - coalesce(range_end, last_seq + 1)
      FROM range_seqs)`;
  return Prisma.sql`
    WITH range_seqs AS MATERIALIZED (
      SELECT ${firstSeqFrom(range.since)} AS range_start, ${firstSeqFrom(range.until)} AS range_end,
             (SELECT max(seq) FROM audit_entries WHERE org_id = ${orgId}::uuid) AS last_seq)
    SELECT * FROM (
      (SELECT ${AUDIT_ENTRY_COLUMNS}
         FROM audit_entries
        WHERE org_id = ${orgId}::uuid
          AND seq IN (SELECT seq FROM (${page(Prisma.sql`seq + 0 DESC`, narrow, Prisma.sql`seq`)}) AS picked))
      UNION ALL
      (${page(Prisma.sql`seq DESC`, Prisma.sql`NOT ${narrow}`)})
    ) AS matches
    ORDER BY seq DESC`;
}

/**
 * The trail's one reader: the entries of one organization matching a search (q ANDed with the
 * structured filters), newest first, paged by seq (keyset) both ways: older than beforeSeq, newer
 * than afterSeq, or the newest. The dashboard, the audit screen and GET /api/v1/audit-events read
 * through it. A malformed search throws SearchSyntaxError (400, with the position).
 */
export async function searchAuditEntries(
  db: Db | Tx,
  { beforeSeq, afterSeq, ...search }: AuditSearchPage,
): Promise<{ entries: TAuditEntryView[]; nextBeforeSeq: string | null; prevAfterSeq: string | null }> {
  const freeText = await freeTextIndex(db);
  const read = (cursor: SeqCursor, rows: number) =>
    queryRows<AuditEntryRow>(db, searchAuditEntriesSql({ ...search, limit: rows, ...cursor }, freeText));
  const cursor = { ...(beforeSeq === undefined ? {} : { beforeSeq }), ...(afterSeq === undefined ? {} : { afterSeq }) };
  const page = await pageBySeq(read, { limit: search.limit, ...cursor });
  return { entries: page.rows.map(entryViewOf), nextBeforeSeq: page.nextBeforeSeq, prevAfterSeq: page.prevAfterSeq };
}
