import { startAuditDownload } from "@/lib/audit/export/audit-download";
import { openArchivedTrailReader } from "@/lib/lifecycle/archive/archived-trail-reader";
import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.exportAuditEvents, ({ ctx, db, query }) =>
  startAuditDownload({ ctx, tx: db, download: query, openArchive: openArchivedTrailReader }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
