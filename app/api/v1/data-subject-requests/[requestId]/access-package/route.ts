import { withApiKey } from "@/lib/guard/with-api-key";
import { downloadAccessPackage } from "@/lib/privacy/access-download";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.downloadAccessPackage, ({ ctx, tx, params, query }) =>
  downloadAccessPackage(tx, ctx, { requestId: params.requestId, format: query.format }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
