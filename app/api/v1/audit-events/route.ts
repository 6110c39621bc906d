import { withApiKey } from "@/lib/guard/with-api-key";
import { listAuditEventsPage } from "@/lib/rest/audit-events";
import { ingestCustomEvent } from "@/lib/rest/ingest-event";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listAuditEvents, ({ ctx, db, query }) =>
  listAuditEventsPage(db, ctx.org.id, query),
);

export const POST = withApiKey(API_OPERATIONS.ingestAuditEvent, ({ ctx, tx, body }) =>
  ingestCustomEvent(tx, ctx, body),
);
