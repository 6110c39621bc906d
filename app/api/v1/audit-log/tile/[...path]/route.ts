import { readLogTile } from "@/lib/audit/published/read-log-tile";
import { withApiKey } from "@/lib/guard/with-api-key";
import { tileResponse } from "@/lib/rest/audit-log-responses";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.getAuditLogTile, async ({ ctx, db, params }) =>
  tileResponse(await readLogTile(db, ctx.org.id, `tile/${params.path}`)),
);
