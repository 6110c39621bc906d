import { withApiKey } from "@/lib/guard/with-api-key";
import { issueRecordingUrl } from "@/lib/recordings/access/issue-recording-url";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.issueRecordingUrl, ({ ctx, tx, params, body }) =>
  issueRecordingUrl(tx, ctx, {
    id: params.id,
    ...(body.expiresInSeconds ? { expiresInSeconds: body.expiresInSeconds } : {}),
  }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
