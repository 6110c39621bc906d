import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZAlertNote, ZListSecurityAlerts, ZSecurityAlertView } from "@/lib/security-alerts/security-alert-schemas";

const TAG = "Security alerts";
const ZAlertIdParams = z.object({ alertId: z.uuid("Not a security alert id.") }).strict();
const ZNoteBody = z.object({ note: ZAlertNote }).strict();

/** The alert center: seeing alerts needs security_alerts.read, acknowledging and resolving security_alerts.manage. */
export const SECURITY_ALERT_OPERATIONS = {
  listSecurityAlerts: {
    operationId: "listSecurityAlerts",
    method: "GET",
    path: "/security-alerts",
    tag: TAG,
    summary: "The organization's security alerts (open by default), most severe first",
    description:
      "Repeats of one kind about one subject within an hour of the last are grouped into one alert: count, " +
      "firstSeenAt and lastSeenAt say how often and when. Each new alert is also a security.alert audit entry " +
      "(and webhook event) whose metadata.alertId names it.",
    permission: "security_alerts.read",
    query: ZListSecurityAlerts,
    response: z.object({ data: z.array(ZSecurityAlertView) }),
    status: 200,
  },
  acknowledgeSecurityAlert: {
    operationId: "acknowledgeSecurityAlert",
    method: "POST",
    path: "/security-alerts/{alertId}/acknowledge",
    tag: TAG,
    summary: "Acknowledge an open alert: someone is on it",
    description: "Recorded as security.alert_acknowledged. An alert that is not open answers 409.",
    permission: "security_alerts.manage",
    params: ZAlertIdParams,
    body: ZNoteBody,
    response: ZSecurityAlertView,
    status: 200,
  },
  resolveSecurityAlert: {
    operationId: "resolveSecurityAlert",
    method: "POST",
    path: "/security-alerts/{alertId}/resolve",
    tag: TAG,
    summary: "Resolve an open or acknowledged alert",
    description: "Recorded as security.alert_resolved. A resolved alert answers 409; a new occurrence opens a new one.",
    permission: "security_alerts.manage",
    params: ZAlertIdParams,
    body: ZNoteBody,
    response: ZSecurityAlertView,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
