import { withApiKey } from "@/lib/guard/with-api-key";
import { ingestCustomEvents } from "@/lib/rest/ingest-event-batch";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const POST = withApiKey(API_OPERATIONS.ingestAuditEventBatch, ({ ctx, tx, body }) =>
  ingestCustomEvents(tx, ctx, body),
);
