import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { listSecurityAlerts } from "@/lib/security-alerts/list-security-alerts";

export const GET = withApiKey(API_OPERATIONS.listSecurityAlerts, async ({ ctx, db, query }) => ({
  data: await listSecurityAlerts(db, ctx, query),
}));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
