import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { addDncEntry } from "@/lib/messaging/dnc/add-dnc-entry";
import { listDncEntries } from "@/lib/messaging/dnc/list-dnc-entries";

export const GET = withApiKey(API_OPERATIONS.listDnc, ({ ctx, db, query }) => listDncEntries(db, ctx, query));

export const POST = withApiKey(API_OPERATIONS.addDnc, ({ ctx, tx, body }) => addDncEntry(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
