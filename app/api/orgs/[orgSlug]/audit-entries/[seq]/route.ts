import { entryInclusion } from "@/lib/audit/published/entry-inclusion";
import { getAuditEntryDetail, ZAuditEntrySeq } from "@/lib/audit/search/audit-entry-detail";
import { withOrg } from "@/lib/guard/with-org";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const getEntry = withOrg(
  { name: "audit.entries.get", permission: "audit.read", query: ZAuditEntrySeq },
  async ({ ctx, tx, query }) => {
    const detail = await getAuditEntryDetail(tx, { orgId: ctx.org.id, seq: query.seq });
    const inclusion = await entryInclusion(tx, ctx.org.id, { seq: query.seq, chainHash: detail.entry.hash });
    return { ...detail, inclusion };
  },
);

/**
 * One entry with its neighbours, its verification status and its inclusion proof against the latest signed
 * checkpoint. withOrg hands handlers the query, not the path, so the path's seq is passed as the query's
 * (replacing any `?seq=` the caller sent).
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  const { seq } = await context.params;
  const url = new URL(request.url);
  url.searchParams.set("seq", String(seq));
  return getEntry(
    new Request(url, { method: request.method, headers: request.headers, signal: request.signal }),
    context,
  );
}
