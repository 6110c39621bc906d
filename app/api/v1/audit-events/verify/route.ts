import { verificationResultResponse } from "@/lib/audit/export/verification-stream";
import { withApiKey } from "@/lib/guard/with-api-key";
import { verifyWholeTrail } from "@/lib/lifecycle/archive/verify-whole-trail";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.verifyAuditEvents, async ({ ctx }) =>
  verificationResultResponse({ ctx, verify: verifyWholeTrail }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
