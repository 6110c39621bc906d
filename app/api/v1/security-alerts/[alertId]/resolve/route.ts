import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { resolveSecurityAlert } from "@/lib/security-alerts/change-alert-status";

export const POST = withApiKey(API_OPERATIONS.resolveSecurityAlert, ({ ctx, tx, params, body }) =>
  resolveSecurityAlert(tx, ctx, { alertId: params.alertId, note: body.note }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
