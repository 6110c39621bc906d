import { withOrg } from "@/lib/guard/with-org";
import { dncImportResponse } from "@/lib/messaging/dnc-import/dnc-import-response";
import { ZDncImportQuery } from "@/lib/rest/messaging-import-operations";

/**
 * The panel's upload of a DNC CSV (`text/csv` body, `?fileName=`), answered as NDJSON progress lines while it is
 * read, then the report (lib/messaging/dnc-import/dnc-import-response.ts).
 */
export const POST = withOrg(
  {
    name: "messaging.dnc.import",
    permission: "messaging.manage",
    query: ZDncImportQuery,
    streamedBody: { contentType: "text/csv" },
  },
  async ({ ctx, query, bodyStream }) =>
    dncImportResponse({ ctx, bytes: bodyStream!, ...(query.fileName ? { fileName: query.fileName } : {}) }),
);
