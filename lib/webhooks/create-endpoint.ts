import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { assertWebhookEndpointAllowed } from "@/lib/billing/limits";
import { seal } from "@/lib/crypto/secret-box";
import type { Tx } from "@/lib/db/client";
import { checkedUrl } from "./destination-policy";
import { endpointTarget, endpointView, withSecrets } from "./endpoint-view";
import { ZCreateWebhookEndpoint } from "./schemas";
import { newSigningSecret, SECRET_PURPOSE } from "./signing";

/** Creates an endpoint and its first signing secret, returned this once (it can be revealed again with step-up). */
export async function createEndpoint(tx: Tx, ctx: OrgContext, rawInput: z.input<typeof ZCreateWebhookEndpoint>) {
  const input = ZCreateWebhookEndpoint.parse(rawInput);
  const url = checkedUrl(input.url);
  await assertWebhookEndpointAllowed(tx, ctx);
  const secret = newSigningSecret();
  const row = await tx.webhookEndpoint.create({
    data: {
      orgId: ctx.org.id,
      url,
      description: input.description,
      categories: input.categories,
      actions: input.actions,
      enabled: input.enabled,
      ...(input.enabled ? {} : { disabledReason: "manual", disabledAt: new Date() }),
      secrets: { create: { sealed: seal(secret, SECRET_PURPOSE) } },
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
