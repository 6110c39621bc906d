import "server-only";
import type { Target } from "@/lib/context";
import type { WebhookEndpoint } from "@/lib/db/generated/client";
import { ZWebhookEndpointView, type TWebhookEndpointView } from "./schemas";

export function endpointTarget(endpoint: Pick<WebhookEndpoint, "id" | "url" | "description">): Target {
  return { type: "webhook_endpoint", id: endpoint.id, display: endpoint.description || endpoint.url };
}

export type EndpointRow = WebhookEndpoint & { secrets: { expiresAt: Date | null }[] };

function liveSecretCount(row: EndpointRow, now: Date) {
  return row.secrets.filter((secret) => secret.expiresAt === null || secret.expiresAt > now).length;
}

export function endpointView(row: EndpointRow, now = new Date()): TWebhookEndpointView {
  return ZWebhookEndpointView.parse({
    id: row.id,
    url: row.url,
    description: row.description,
    categories: row.categories,
    actions: row.actions,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    liveSecrets: liveSecretCount(row, now),
  });
}

/** What endpointView needs besides the endpoint row: when its secrets expire. */
export const withSecrets = { secrets: { select: { expiresAt: true } } } as const;
