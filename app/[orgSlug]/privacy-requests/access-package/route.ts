import { withOrg } from "@/lib/guard/with-org";
import { downloadAccessPackage, ZAccessDownload } from "@/lib/privacy/access-download";
import { ZDsrId } from "@/lib/privacy/dsr-schemas";

/** The requests screen's Download links (the session's counterpart of GET /api/v1/data-subject-requests/{id}/access-package). */
export const GET = withOrg(
  {
    name: "privacy_requests.access_package",
    permission: "privacy_requests.manage",
    query: ZAccessDownload.extend({ request: ZDsrId }).strict(),
  },
  ({ ctx, tx, query }) => downloadAccessPackage(tx, ctx, { requestId: query.request, format: query.format }),
);
