import { recentSearchValues, ZRecentSearchValues } from "@/lib/audit/search/recent-search-values";
import { withOrg } from "@/lib/guard/with-org";

/**
 * `?field=actor&typed=ad`: the search box's suggestions for actor:, target:, ip: and country:, from the
 * organization's newest entries; only for whoever may read the trail.
 */
export const GET = withOrg(
  { name: "audit.entries.values", permission: "audit.read", query: ZRecentSearchValues },
  async ({ ctx, tx, query }) => ({ values: await recentSearchValues(tx, { orgId: ctx.org.id, ...query }) }),
);
