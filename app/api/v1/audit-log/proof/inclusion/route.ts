import { proveInclusion } from "@/lib/audit/published/prove-inclusion";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.getAuditLogInclusionProof, ({ ctx, db, query }) =>
  proveInclusion(db, ctx.org.id, query),
);
