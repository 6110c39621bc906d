import { verificationResultResponse } from "@/lib/audit/export/verification-stream";
import { withApiKey } from "@/lib/guard/with-api-key";
import { verifyWholeTrail } from "@/lib/lifecycle/archive/verify-whole-trail";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.verifyAuditEvents, async ({ ctx }) =>
  verificationResultResponse({ ctx, verify: verifyWholeTrail }),
);
