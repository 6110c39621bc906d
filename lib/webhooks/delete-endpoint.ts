import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { endpointTarget } from "./endpoint-view";
import { findEndpoint } from "./find-endpoint";

/** Deleting stops deliveries at once; the endpoint's history stays for the trail's sake (soft delete). */
export async function deleteEndpoint(tx: Tx, ctx: OrgContext, endpointId: string) {
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  await tx.webhookEndpoint.update({
    where: { id: endpoint.id, orgId: ctx.org.id },
    data: { deletedAt: new Date(), enabled: false },
  });
  await tx.webhookDelivery.updateMany({
    where: { endpointId: endpoint.id, status: "pending" },
    data: { status: "failed", nextAttemptAt: null, lastError: "The endpoint was deleted." },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.deleted",
    target: endpointTarget(endpoint),
    metadata: { url: endpoint.url },
  });
  return { deleted: true };
}
