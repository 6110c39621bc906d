import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { listConsents } from "@/lib/messaging/consents/list-consents";
import { recordConsent } from "@/lib/messaging/consents/record-consent";

export const GET = withApiKey(API_OPERATIONS.listConsents, async ({ ctx, db, params }) => ({
  data: await listConsents(db, ctx, { contactId: params.id }),
}));

export const POST = withApiKey(API_OPERATIONS.recordConsent, ({ ctx, tx, params, body }) =>
  recordConsent(tx, ctx, { ...body, contactId: params.id }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
