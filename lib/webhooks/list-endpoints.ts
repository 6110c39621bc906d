import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { endpointView, withSecrets } from "./endpoint-view";
import type { TWebhookEndpointView } from "./schemas";

export async function listEndpoints(tx: Tx, ctx: OrgContext): Promise<TWebhookEndpointView[]> {
  const rows = await tx.webhookEndpoint.findMany({
    where: { orgId: ctx.org.id, deletedAt: null },
    include: withSecrets,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const now = new Date();
  return rows.map((row) => endpointView(row, now));
}
