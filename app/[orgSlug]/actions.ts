"use server";

import { z } from "zod";
import { verifyAndRecordStreaming } from "@/lib/audit/export/verification-stream";
import { orgAction } from "@/lib/guard/org-action";
import { verifyWholeTrail } from "@/lib/lifecycle/archive/verify-whole-trail";
import { acknowledgeSecurityAlert, resolveSecurityAlert } from "@/lib/security-alerts/change-alert-status";
import { ZChangeAlertStatus } from "@/lib/security-alerts/security-alert-schemas";

export const verifyChainAction = orgAction(
  {
    name: "audit.verify_chain",
    permission: "audit.verify",
    input: z.object({}).strict(),
    // It appends its own verification entry and signs a checkpoint, but changes nothing of the organization's.
    readOnly: true,
    // Outside a transaction: it first signs a checkpoint up to the head (in transactions of its own).
    transaction: false,
  },
  async ({ ctx }) => (await verifyAndRecordStreaming({ ctx, verify: verifyWholeTrail }))!,
);

// Whose alert it is, is the service's check (another organization's answers like an unknown one, recorded).
export const acknowledgeSecurityAlertAction = orgAction(
  { name: "security_alerts.acknowledge", permission: "security_alerts.manage", input: ZChangeAlertStatus },
  ({ ctx, tx, input }) => acknowledgeSecurityAlert(tx, ctx, input),
);

export const resolveSecurityAlertAction = orgAction(
  { name: "security_alerts.resolve", permission: "security_alerts.manage", input: ZChangeAlertStatus },
  ({ ctx, tx, input }) => resolveSecurityAlert(tx, ctx, input),
);
