import { startAuditDownload } from "@/lib/audit/export/audit-download";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.exportAuditEvents, ({ ctx, db, query }) =>
  startAuditDownload({ ctx, tx: db, download: query }),
);
