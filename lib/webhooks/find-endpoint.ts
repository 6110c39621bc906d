import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { withSecrets, type EndpointRow } from "./endpoint-view";

/** An endpoint of this organization; another organization's id answers like an unknown one, and is recorded. */
export async function findEndpoint(tx: Tx, ctx: OrgContext, endpointId: string): Promise<EndpointRow> {
  const endpoint = await tx.webhookEndpoint.findFirst({
    where: { id: endpointId, orgId: ctx.org.id, deletedAt: null },
    include: withSecrets,
  });
  if (endpoint) return endpoint;
  const elsewhere = await tx.webhookEndpoint.findFirst({
    where: { id: endpointId, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  throw new AppError(
    "not_found",
    "No such webhook endpoint in this organization.",
    undefined,
    elsewhere
      ? {
          permission: "webhooks.manage",
          reason: "foreign_webhook_endpoint",
          crossTenant: true,
          targetOrgId: elsewhere.orgId,
        }
      : undefined,
  );
}
