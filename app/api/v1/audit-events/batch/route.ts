import { withApiKey } from "@/lib/guard/with-api-key";
import { ingestCustomEvents } from "@/lib/rest/ingest-event-batch";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.ingestAuditEventBatch, (args) =>
  ingestCustomEvents(args, args.ctx, args.body),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
