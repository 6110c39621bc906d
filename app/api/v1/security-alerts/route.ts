import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { listSecurityAlerts } from "@/lib/security-alerts/list-security-alerts";

export const GET = withApiKey(API_OPERATIONS.listSecurityAlerts, async ({ ctx, tx, query }) => ({
  data: await listSecurityAlerts(tx, ctx, query),
}));
