import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { checkedUrl } from "./destination-policy";
import { endpointTarget, endpointView, withSecrets, type EndpointRow } from "./endpoint-view";
import { findEndpoint } from "./find-endpoint";
import { ZUpdateWebhookEndpoint } from "./schemas";

export async function updateEndpoint(
  tx: Tx,
  ctx: OrgContext,
  endpointId: string,
  rawInput: z.input<typeof ZUpdateWebhookEndpoint>,
) {
  const input = ZUpdateWebhookEndpoint.parse(rawInput);
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  const next = {
    ...(input.url !== undefined ? { url: checkedUrl(input.url) } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.categories !== undefined ? { categories: input.categories } : {}),
    ...(input.actions !== undefined ? { actions: input.actions } : {}),
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    const old = endpoint[field as keyof typeof next];
    if (JSON.stringify(old) !== JSON.stringify(value)) [before[field], after[field]] = [old, value];
  }
  let row = endpoint;
  if (Object.keys(after).length > 0) {
    row = await tx.webhookEndpoint.update({
      where: { id: endpoint.id, orgId: ctx.org.id },
      data: next,
      include: withSecrets,
    });
    await appendAuditEntry(tx, {
      ...auditedBy(ctx),
      action: "webhook.updated",
      target: endpointTarget(row),
      metadata: { before, after },
    });
  }
  if (input.enabled !== undefined && input.enabled !== row.enabled) row = await setEnabled(tx, ctx, row, input.enabled);
  return endpointView(row);
}

async function setEnabled(tx: Tx, ctx: OrgContext, endpoint: EndpointRow, enabled: boolean): Promise<EndpointRow> {
  const row = await tx.webhookEndpoint.update({
    where: { id: endpoint.id, orgId: ctx.org.id },
    data: enabled
      ? { enabled, disabledReason: null, disabledAt: null, failingSince: null }
      : { enabled, disabledReason: "manual", disabledAt: new Date() },
    include: withSecrets,
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    target: endpointTarget(row),
    ...(enabled
      ? { action: "webhook.enabled", metadata: { url: row.url } }
      : { action: "webhook.disabled", metadata: { url: row.url, reason: "manual" } }),
  });
  return row;
}
