import { z } from "zod";
import { SECURITY_ALERT_SEVERITIES, SECURITY_ALERT_STATUSES } from "@/lib/audit/security-alerts/alert-kinds";

export const ZSecurityAlertView = z.object({
  id: z.uuid(),
  kind: z.string(),
  severity: z.enum(SECURITY_ALERT_SEVERITIES),
  title: z.string(),
  subject: z.object({ type: z.string(), id: z.string().nullable(), display: z.string().nullable() }).nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  count: z.number().int(),
  status: z.enum(SECURITY_ALERT_STATUSES),
  statusChangedAt: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  /** The audit entries behind it: its security.alert entry and each occurrence's evidence (the first 50). */
  auditEntryIds: z.array(z.string()),
  /** A search of the audit trail for everything about it (the audit query language). */
  auditQuery: z.string(),
});
export type TSecurityAlertView = z.infer<typeof ZSecurityAlertView>;

export const ZListSecurityAlerts = z
  .object({
    status: z
      .enum([...SECURITY_ALERT_STATUSES, "all"])
      .default("open")
      .describe("open (the default), acknowledged, resolved, or all."),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const ZAlertNote = z.string().trim().max(500).optional().describe("Why, for the trail (optional).");

export const ZChangeAlertStatus = z.object({ alertId: z.uuid("Not a security alert id."), note: ZAlertNote }).strict();
export type TChangeAlertStatus = z.input<typeof ZChangeAlertStatus>;
