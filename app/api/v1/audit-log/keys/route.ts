import { publishedLogKeys } from "@/lib/audit/published/published-log-keys";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listAuditLogKeys, async ({ db }) => ({
  data: await publishedLogKeys(db),
}));
