import { withApiKey } from "@/lib/guard/with-api-key";
import { describeKey } from "@/lib/rest/describe-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.me, async ({ access }) => describeKey(access));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
