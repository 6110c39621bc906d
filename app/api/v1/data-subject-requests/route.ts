import { withApiKey } from "@/lib/guard/with-api-key";
import { listDataSubjectRequests } from "@/lib/privacy/dsr-list";
import { recordDataSubjectRequest } from "@/lib/privacy/dsr-record";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.listDataSubjectRequests, async ({ ctx, db }) => ({
  data: await listDataSubjectRequests(db, ctx),
}));

export const POST = withApiKey(API_OPERATIONS.recordDataSubjectRequest, ({ ctx, tx, body }) =>
  recordDataSubjectRequest(tx, ctx, body),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
