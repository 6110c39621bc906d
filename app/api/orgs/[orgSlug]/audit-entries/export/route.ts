import { startAuditDownload } from "@/lib/audit/export/audit-download";
import { openArchivedTrailReader } from "@/lib/lifecycle/archive/archived-trail-reader";
import { ZAuditDownload } from "@/lib/audit/export/audit-download-query";
import { withOrg } from "@/lib/guard/with-org";

/** `?format=ndjson|csv|json|ocsf|cef|bundle&q=&gzip=1` (bundle: `&fromSeq=&toSeq=`): a streamed, audited download. */
export const GET = withOrg(
  { name: "audit.entries.export", permission: "audit.export", query: ZAuditDownload },
  ({ ctx, tx, query }) => startAuditDownload({ ctx, tx, download: query, openArchive: openArchivedTrailReader }),
);
