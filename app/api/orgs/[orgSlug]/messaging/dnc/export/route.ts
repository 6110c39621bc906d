import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy } from "@/lib/context";
import { withOrg } from "@/lib/guard/with-org";
import { dncExportResponse } from "@/lib/messaging/panel/dnc-export-response";

/**
 * The org's Do Not Contact list as a CSV download (lib/messaging/panel/dnc-export-response.ts), for owners and admins
 * (messaging.manage, which support mode never has): personal data leaving Verity, so it is on the record as
 * dnc.exported with the count, in the request's transaction, before the first byte.
 */
export const GET = withOrg({ name: "messaging.dnc.export", permission: "messaging.manage" }, async ({ ctx, tx }) => {
  const count = await tx.messagingDncEntry.count({ where: { orgId: ctx.org.id } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "dnc.exported",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: { count },
  });
  return dncExportResponse({ ctx });
});
