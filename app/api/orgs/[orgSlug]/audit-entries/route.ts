import { z } from "zod";
import { countAuditMatches } from "@/lib/audit/search/count-audit-matches";
import { searchAuditEntries, ZSearchAuditEntries } from "@/lib/audit/search/search-audit-entries";
import { withOrg } from "@/lib/guard/with-org";

/** `&count=1`: the page also says how many entries the whole search matches (up to a cap), for the result count. */
const ZAuditScreenPage = z.intersection(ZSearchAuditEntries, z.object({ count: z.enum(["1"]).optional() }));

/**
 * `?q=&limit=` and `&beforeSeq=` (older) or `&afterSeq=` (newer): the audit screen's search, newest
 * first, with the cursors of the pages either side; a malformed q is a 400 naming its position.
 */
export const GET = withOrg(
  { name: "audit.entries.list", permission: "audit.read", query: ZAuditScreenPage },
  async ({ ctx, tx, query: { count, ...query } }) => {
    const page = await searchAuditEntries(tx, { orgId: ctx.org.id, ...query });
    if (count === undefined) return page;
    return { ...page, count: await countAuditMatches(tx, { orgId: ctx.org.id, q: query.q }) };
  },
);
