import { withApiKey } from "@/lib/guard/with-api-key";
import { listAuditEventsPage } from "@/lib/rest/audit-events";
import { ingestCustomEvent } from "@/lib/rest/ingest-event";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.listAuditEvents, ({ ctx, db, query }) =>
  listAuditEventsPage(db, ctx.org.id, query),
);

export const POST = withApiKey(API_OPERATIONS.ingestAuditEvent, (args) => ingestCustomEvent(args, args.ctx, args.body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
