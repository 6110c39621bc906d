import type { AuditQueryTerm } from "@/lib/audit/search/parse-audit-query";
import type { ArchivedRangeView } from "@/lib/lifecycle/archive/archived-range-view";

/** An instant as the archive notices name it: to the minute, in UTC (the same on the server and in the browser). */
export const utcMinute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * Whether a search's date range reaches before the first entry still in PostgreSQL, that is into the archive,
 * which the screen's search does not read. Only a search with a `created:` range is a date range; its terms are
 * ANDed, so the latest lower bound is the range's start (none: it is open towards the oldest entries).
 */
export function searchReachesArchive(terms: AuditQueryTerm[], archived: ArchivedRangeView | null): boolean {
  if (!archived) return false;
  const created = terms.filter((term) => term.field === "created" && !term.negated);
  if (created.length === 0) return false;
  const starts = created.flatMap((term) => (term.field === "created" && term.since ? [Date.parse(term.since)] : []));
  const start = starts.length ? Math.max(...starts) : -Infinity;
  return archived.firstHotAt === null || start < Date.parse(archived.firstHotAt);
}
