import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import type { Tx } from "@/lib/db/client";
import { endpointTarget, endpointView } from "./endpoint-view";
import { findEndpoint } from "./find-endpoint";
import { ZRotateWebhookSecret } from "./schemas";
import { sealSigningSecret } from "./sealed-signing-secret";
import { newSigningSecret } from "./signing";

/**
 * A new signing secret; the old ones keep signing for the grace period (0 to 7 days), so receivers
 * can switch over while every delivery carries a signature they accept. Returns the new secret once,
 * so it needs the same recent step-up as revealing the current one: whoever holds it can forge events.
 */
export async function rotateSecret(
  tx: Tx,
  ctx: OrgContext,
  endpointId: string,
  rawInput: z.input<typeof ZRotateWebhookSecret>,
  now = new Date(),
) {
  const { graceHours } = ZRotateWebhookSecret.parse(rawInput);
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  await requireRecentStepUp(tx, ctx.principal);
  const until = new Date(now.getTime() + graceHours * 3600_000);
  await tx.webhookSecret.updateMany({
    where: { endpointId: endpoint.id, OR: [{ expiresAt: null }, { expiresAt: { gt: until } }] },
    data: { expiresAt: until },
  });
  const secret = newSigningSecret();
  const place = { orgId: ctx.org.id, endpointId: endpoint.id, secretId: randomUUID() };
  await tx.webhookSecret.create({
    data: {
      id: place.secretId,
      endpointId: endpoint.id,
      sealed: await sealSigningSecret(tx, place, secret),
      createdAt: now,
    },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.secret_rotated",
    target: endpointTarget(endpoint),
    metadata: { graceHours, oldSecretSignsUntil: until.toISOString() },
  });
  return { secret, endpoint: endpointView(await findEndpoint(tx, ctx, endpointId), now) };
}
