import { withOrg } from "@/lib/guard/with-org";
import { archiveSearchResponse } from "@/lib/lifecycle/archive/archive-search-response";
import { planArchiveSearch, ZSearchArchive } from "@/lib/lifecycle/archive/search-archive";

/**
 * `?q=&limit=`: the audit screen's search run over the archived entries, streamed as NDJSON (progress after each
 * segment read, the matches, then `done`). The search is compiled and the segments listed in this transaction (a
 * malformed q is a 400 naming its position); the segments are read after it, from the archive store.
 */
export const GET = withOrg(
  { name: "audit.entries.archive_search", permission: "audit.read", query: ZSearchArchive },
  async ({ ctx, tx, query }) =>
    archiveSearchResponse({
      ctx,
      plan: await planArchiveSearch(tx, { orgId: ctx.org.id, q: query.q }),
      limit: query.limit,
    }),
);
