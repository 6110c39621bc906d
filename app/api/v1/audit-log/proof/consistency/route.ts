import { proveConsistency } from "@/lib/audit/published/prove-consistency";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.getAuditLogConsistencyProof, ({ ctx, db, query }) =>
  proveConsistency(db, ctx.org.id, query),
);
