import { withApiKey } from "@/lib/guard/with-api-key";
import { listDataSubjectRequests } from "@/lib/privacy/dsr-list";
import { recordDataSubjectRequest } from "@/lib/privacy/dsr-record";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listDataSubjectRequests, async ({ ctx, tx }) => ({
  data: await listDataSubjectRequests(tx, ctx),
}));

export const POST = withApiKey(API_OPERATIONS.recordDataSubjectRequest, ({ ctx, tx, body }) =>
  recordDataSubjectRequest(tx, ctx, body),
);
