import { withApiKey } from "@/lib/guard/with-api-key";
import { retentionPolicyOf } from "@/lib/lifecycle/retention-policy";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.getRetentionPolicy, ({ ctx, db }) => retentionPolicyOf(db, ctx.org.id));
