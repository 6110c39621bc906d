import { searchAuditEntries, ZSearchAuditEntries } from "@/lib/audit/search/search-audit-entries";
import { withOrg } from "@/lib/guard/with-org";

/**
 * `?q=&limit=` and `&beforeSeq=` (older) or `&afterSeq=` (newer): the audit screen's search, newest
 * first, with the cursors of the pages either side; a malformed q is a 400 naming its position.
 */
export const GET = withOrg(
  { name: "audit.entries.list", permission: "audit.read", query: ZSearchAuditEntries },
  ({ ctx, tx, query }) => searchAuditEntries(tx, { orgId: ctx.org.id, ...query }),
);
