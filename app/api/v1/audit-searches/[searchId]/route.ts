import { deleteAuditSearch } from "@/lib/audit/saved-searches";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

// Whose search it is, is the service's check: another person's own, or another organization's, answers 404.
export const DELETE = withApiKey(API_OPERATIONS.deleteAuditSearch, async ({ ctx, tx, params }) => ({
  deleted: true as const,
  ...(await deleteAuditSearch(tx, ctx, { id: params.searchId })),
}));

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
