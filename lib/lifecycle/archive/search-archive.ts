import "server-only";
import { z } from "zod";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { ArchiveSearchLine } from "./archive-search-line";
import { compileAuditSearch } from "@/lib/audit/search/compile-audit-search";
import { freeTextIndex } from "@/lib/audit/search/free-text-index";
import { MAX_QUERY_LENGTH } from "@/lib/audit/search/tokenize-audit-query";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ArchiveStore } from "./archive-store";
import { archivedEntryBatches } from "./archived-entry-batches";
import { archivedSegments, ArchivedSegmentUnreadable, type ArchivedSegment } from "./archived-segments";

/** `?q=&limit=`: a search of the archived entries, as the audit screen's search box holds it. */
export const ZSearchArchive = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).default(""),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export type { ArchiveSearchLine };

export type ArchiveSearchPlan = { where: Prisma.Sql | null; segments: ArchivedSegment[]; purged: number };

/**
 * Compiles the search as the screen's pages compile it (a malformed one throws SearchSyntaxError: a 400 before the
 * stream starts) and lists the segments to read: every one not purged, newest first. Dates do not narrow the list:
 * an entry imported with a past time lies in the segment of when it was appended, not of when it happened.
 */
export async function planArchiveSearch(
  db: Db | Tx,
  { orgId, q }: { orgId: string; q: string },
): Promise<ArchiveSearchPlan> {
  const { where } = compileAuditSearch({ q }, await freeTextIndex(db));
  const all = await archivedSegments(db, orgId);
  const segments = all.filter((segment) => !segment.purgedAt).reverse();
  return { where: q.trim() === "" ? null : where, segments, purged: all.length - segments.length };
}

/**
 * Streams the archived entries a search matches, newest first, reading the planned segments one at a time from the
 * store (each checked against what the archive recorded as it is read) and matching them with the search's own
 * compiled SQL (matchArchivedEntries), up to `limit` matches.
 */
export async function* searchArchive(
  db: Db,
  store: ArchiveStore,
  plan: ArchiveSearchPlan,
  { limit }: { limit: number },
): AsyncGenerator<ArchiveSearchLine> {
  const segmentsTotal = plan.segments.length;
  let matched = 0;
  let segmentsRead = 0;
  let truncated = false;
  yield { type: "progress", segmentsRead, segmentsTotal };
  for (const segment of plan.segments) {
    const found: TAuditEntryView[] = [];
    try {
      for await (const batch of archivedEntryBatches(db, store, [segment], { where: plan.where })) found.push(...batch);
    } catch (error) {
      if (!(error instanceof ArchivedSegmentUnreadable)) throw error;
      yield { type: "error", detail: `${error.message}. Run verity archive verify for the whole archive.` };
      return;
    }
    segmentsRead++;
    const newestFirst = found.reverse().slice(0, limit - matched);
    matched += newestFirst.length;
    truncated = found.length > newestFirst.length || (matched >= limit && segmentsRead < segmentsTotal);
    if (newestFirst.length) yield { type: "entries", entries: newestFirst };
    yield { type: "progress", segmentsRead, segmentsTotal };
    if (matched >= limit) break;
  }
  yield { type: "done", matched, segmentsRead, segmentsTotal, purged: plan.purged, truncated };
}
