import { withApiKey } from "@/lib/guard/with-api-key";
import { downloadAccessPackage } from "@/lib/privacy/access-download";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.downloadAccessPackage, ({ ctx, tx, params, query }) =>
  downloadAccessPackage(tx, ctx, { requestId: params.requestId, format: query.format }),
);
