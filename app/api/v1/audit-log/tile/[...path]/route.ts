import { readLogTile } from "@/lib/audit/published/read-log-tile";
import { withApiKey } from "@/lib/guard/with-api-key";
import { tileResponse } from "@/lib/rest/audit-log-responses";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getAuditLogTile, async ({ ctx, db, params }) =>
  tileResponse(await readLogTile(db, ctx.org.id, `tile/${params.path}`)),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
