import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { assertWebhookEndpointAllowed } from "@/lib/billing/limits";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { checkedUrl } from "./destination-policy";
import { endpointTarget, endpointView, withSecrets } from "./endpoint-view";
import { ZCreateWebhookEndpoint } from "./schemas";
import { sealSigningSecret } from "./sealed-signing-secret";
import { newSigningSecret } from "./signing";

/** Creates an endpoint and its first signing secret, returned this once (it can be revealed again with step-up). */
export async function createEndpoint(tx: Tx, ctx: OrgContext, rawInput: z.input<typeof ZCreateWebhookEndpoint>) {
  const input = ZCreateWebhookEndpoint.parse(rawInput);
  const url = checkedUrl(input.url);
  await assertWebhookEndpointAllowed(tx, ctx);
  const secret = newSigningSecret();
  const place = { orgId: ctx.org.id, endpointId: randomUUID(), secretId: randomUUID() };
  const sealed = await sealSigningSecret(tx, place, secret);
  const row = await tx.webhookEndpoint.create({
    data: {
      id: place.endpointId,
      orgId: ctx.org.id,
      url,
      description: input.description,
      categories: input.categories,
      actions: input.actions,
      enabled: input.enabled,
      ...(input.enabled ? {} : { disabledReason: "manual", disabledAt: new Date() }),
      secrets: { create: { id: place.secretId, sealed } },
    },
    include: withSecrets,
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.created",
    target: endpointTarget(row),
    metadata: {
      url,
      description: row.description,
      categories: row.categories,
      actions: row.actions,
      enabled: row.enabled,
    },
  });
  return { endpoint: endpointView(row), secret };
}
