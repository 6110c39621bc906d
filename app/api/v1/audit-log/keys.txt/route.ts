import { publishedLogKeys } from "@/lib/audit/published/published-log-keys";
import { withApiKey } from "@/lib/guard/with-api-key";
import { verifierKeysResponse } from "@/lib/rest/audit-log-responses";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listAuditLogVerifierKeys, async ({ tx }) =>
  verifierKeysResponse((await publishedLogKeys(tx)).map((key) => key.vkey)),
);
