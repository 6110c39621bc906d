import { withApiKey } from "@/lib/guard/with-api-key";
import { describeKey } from "@/lib/rest/describe-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.me, async ({ access }) => describeKey(access));
