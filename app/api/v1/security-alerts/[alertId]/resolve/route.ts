import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { resolveSecurityAlert } from "@/lib/security-alerts/change-alert-status";

export const POST = withApiKey(API_OPERATIONS.resolveSecurityAlert, ({ ctx, tx, params, body }) =>
  resolveSecurityAlert(tx, ctx, { alertId: params.alertId, note: body.note }),
);
