import { auditedBy } from "@/lib/context";
import { withApiKey } from "@/lib/guard/with-api-key";
import { retryRedaction } from "@/lib/recordings/sweep/retry-redaction";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

// The worker runs the redaction (a recording left processing is its work): the answer is the recording, processing.
export const POST = withApiKey(API_OPERATIONS.retryRecordingRedaction, ({ ctx, tx, params }) =>
  retryRedaction(tx, auditedBy(ctx), { id: params.id }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
