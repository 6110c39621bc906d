import { listSavedSearches, saveAuditSearch } from "@/lib/audit/saved-searches";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

// The key acts for its holder: their own searches and the organization's shared ones, as on the audit screen.
export const GET = withApiKey(API_OPERATIONS.listAuditSearches, async ({ ctx, db }) => ({
  data: await listSavedSearches(db, ctx.org.id, ctx.principal.userId),
}));

export const POST = withApiKey(API_OPERATIONS.createAuditSearch, ({ ctx, tx, body }) => saveAuditSearch(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
