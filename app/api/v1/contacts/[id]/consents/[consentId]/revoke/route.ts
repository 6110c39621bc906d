import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { revokeConsent } from "@/lib/messaging/consents/revoke-consent";

export const POST = withApiKey(API_OPERATIONS.revokeConsent, ({ ctx, tx, params }) =>
  revokeConsent(tx, ctx, { contactId: params.id, consentId: params.consentId }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
