import { proveConsistency } from "@/lib/audit/published/prove-consistency";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getAuditLogConsistencyProof, ({ ctx, db, query }) =>
  proveConsistency(db, ctx.org.id, query),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
