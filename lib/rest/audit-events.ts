import "server-only";
import type { z } from "zod";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { SeqCursor } from "@/lib/audit/search/page-by-seq";
import { searchAuditEntries } from "@/lib/audit/search/search-audit-entries";
import type { Tx } from "@/lib/db/client";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ZAuditEventsQuery } from "./operations";

/**
 * A page of the organization's entries for GET /api/v1/audit-events: the trail's one reader
 * (searchAuditEntries: q ANDed with the structured filters, newest first), with its seq cursors
 * made opaque (nextCursor to older entries, prevCursor to newer ones). A malformed q is a
 * SearchSyntaxError (400 with its position); a cursor from another organization, or a forged one, a
 * 400 too.
 */
export async function listAuditEventsPage(
  tx: Tx,
  orgId: string,
  { cursor: given, limit, q, action, category, outcome, actor, since, until }: z.infer<typeof ZAuditEventsQuery>,
): Promise<{ data: TAuditEntryView[]; nextCursor: string | null; prevCursor: string }> {
  const cursor = given ? decodeCursor(given, orgId) : {};
  const filters = { action, category, outcome, actor, since, until };
  const page = await searchAuditEntries(tx, { orgId, limit, q, ...filters, ...cursor });
  return {
    data: page.entries,
    nextCursor: page.nextBeforeSeq === null ? null : encodeCursor(orgId, page.nextBeforeSeq),
    prevCursor: encodeCursor(orgId, String(newerThan(page.entries, cursor)), "newer"),
  };
}

/**
 * Where the entries newer than a page start: its newest entry, or, for an empty page, where it was
 * asked from. Always given, so that a client following the trail (a SIEM) polls the newest page's
 * prevCursor until new entries arrive, and an empty poll hands back the same position.
 */
function newerThan(entries: TAuditEntryView[], { beforeSeq, afterSeq }: SeqCursor): bigint {
  if (entries.length > 0) return BigInt(entries[0].seq);
  if (afterSeq !== undefined) return afterSeq;
  return beforeSeq === undefined ? 0n : beforeSeq - 1n;
}
