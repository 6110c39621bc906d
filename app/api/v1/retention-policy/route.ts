import { withApiKey } from "@/lib/guard/with-api-key";
import { retentionPolicyOf } from "@/lib/lifecycle/retention-policy";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getRetentionPolicy, ({ ctx, db }) => retentionPolicyOf(db, ctx.org.id));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
