import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit";
import { auditedBy, type OrgContext, type Target } from "@/lib/context";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import { assertWebhookEndpointAllowed } from "@/lib/billing/limits";
import { open, seal } from "@/lib/crypto/secret-box";
import type { Tx } from "@/lib/db";
import type { WebhookEndpoint } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { validateWebhookUrl } from "./destination-guard";
import {
  ZCreateWebhookEndpoint,
  ZRotateWebhookSecret,
  ZUpdateWebhookEndpoint,
  ZWebhookEndpointView,
  type TWebhookEndpointView,
} from "./schemas";
import { newSigningSecret } from "./signing";

export const SECRET_PURPOSE = "webhook-signing-secret";

/** Loopback receivers (http://127.0.0.1:…) only for local development and tests, and only when asked for. */
export const loopbackAllowed = () => process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS === "1";

/** VERITY_WEBHOOK_ALLOWED_PORTS: ports besides 443 receivers may use ("8443, 9443"); anything else in the list is ignored. */
export function allowedWebhookPorts(): number[] {
  return (process.env.VERITY_WEBHOOK_ALLOWED_PORTS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => /^\d{1,5}$/.test(entry))
    .map(Number)
    .filter((port) => port >= 1 && port <= 65535);
}

/** What the SSRF guard allows, from the environment: checked when an endpoint is saved and at every delivery. */
export const destinationPolicy = () => ({ allowLoopback: loopbackAllowed(), allowedPorts: allowedWebhookPorts() });

function checkedUrl(url: string): string {
  const verdict = validateWebhookUrl(url, destinationPolicy());
  if (!verdict.ok) throw new AppError("invalid_input", verdict.message, { url: [verdict.message] });
  return verdict.url.href;
}

export function endpointTarget(endpoint: Pick<WebhookEndpoint, "id" | "url" | "description">): Target {
  return { type: "webhook_endpoint", id: endpoint.id, display: endpoint.description || endpoint.url };
}

type EndpointRow = WebhookEndpoint & { secrets: { expiresAt: Date | null }[] };

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

const withSecrets = { secrets: { select: { expiresAt: true } } } as const;

/** An endpoint of this organization; another organization's id answers like an unknown one, and is recorded. */
export async function findEndpoint(tx: Tx, ctx: OrgContext, endpointId: string): Promise<EndpointRow> {
  const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, orgId: ctx.org.id, deletedAt: null }, include: withSecrets });
  if (endpoint) return endpoint;
  const elsewhere = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, orgId: { not: ctx.org.id } }, select: { orgId: true } });
  throw new AppError(
    "not_found",
    "No such webhook endpoint in this organization.",
    undefined,
    elsewhere ? { permission: "webhooks.manage", reason: "foreign_webhook_endpoint", crossTenant: true, targetOrgId: elsewhere.orgId } : undefined,
  );
}

export async function listEndpoints(tx: Tx, ctx: OrgContext): Promise<TWebhookEndpointView[]> {
  const rows = await tx.webhookEndpoint.findMany({ where: { orgId: ctx.org.id, deletedAt: null }, include: withSecrets, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  const now = new Date();
  return rows.map((row) => endpointView(row, now));
}

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
    metadata: { url, description: row.description, categories: row.categories, actions: row.actions, enabled: row.enabled },
  });
  return { endpoint: endpointView(row), secret };
}

export async function updateEndpoint(tx: Tx, ctx: OrgContext, endpointId: string, rawInput: z.input<typeof ZUpdateWebhookEndpoint>) {
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
    row = await tx.webhookEndpoint.update({ where: { id: endpoint.id, orgId: ctx.org.id }, data: next, include: withSecrets });
    await appendAuditEntry(tx, { ...auditedBy(ctx), action: "webhook.updated", target: endpointTarget(row), metadata: { before, after } });
  }
  if (input.enabled !== undefined && input.enabled !== row.enabled) row = await setEnabled(tx, ctx, row, input.enabled);
  return endpointView(row);
}

async function setEnabled(tx: Tx, ctx: OrgContext, endpoint: EndpointRow, enabled: boolean): Promise<EndpointRow> {
  const row = await tx.webhookEndpoint.update({
    where: { id: endpoint.id, orgId: ctx.org.id },
    data: enabled ? { enabled, disabledReason: null, disabledAt: null, failingSince: null } : { enabled, disabledReason: "manual", disabledAt: new Date() },
    include: withSecrets,
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    target: endpointTarget(row),
    ...(enabled ? { action: "webhook.enabled", metadata: { url: row.url } } : { action: "webhook.disabled", metadata: { url: row.url, reason: "manual" } }),
  });
  return row;
}

/** Deleting stops deliveries at once; the endpoint's history stays for the trail's sake (soft delete). */
export async function deleteEndpoint(tx: Tx, ctx: OrgContext, endpointId: string) {
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  await tx.webhookEndpoint.update({ where: { id: endpoint.id, orgId: ctx.org.id }, data: { deletedAt: new Date(), enabled: false } });
  await tx.webhookDelivery.updateMany({ where: { endpointId: endpoint.id, status: "pending" }, data: { status: "failed", nextAttemptAt: null, lastError: "The endpoint was deleted." } });
  await appendAuditEntry(tx, { ...auditedBy(ctx), action: "webhook.deleted", target: endpointTarget(endpoint), metadata: { url: endpoint.url } });
  return { deleted: true };
}

/**
 * A new signing secret; the old ones keep signing for the grace period (0 to 7 days), so receivers
 * can switch over while every delivery carries a signature they accept. Returns the new secret once,
 * so it needs the same recent step-up as revealing the current one: whoever holds it can forge events.
 */
export async function rotateSecret(tx: Tx, ctx: OrgContext, endpointId: string, rawInput: z.input<typeof ZRotateWebhookSecret>, now = new Date()) {
  const { graceHours } = ZRotateWebhookSecret.parse(rawInput);
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  await requireRecentStepUp(tx, ctx.principal);
  const until = new Date(now.getTime() + graceHours * 3600_000);
  await tx.webhookSecret.updateMany({ where: { endpointId: endpoint.id, OR: [{ expiresAt: null }, { expiresAt: { gt: until } }] }, data: { expiresAt: until } });
  const secret = newSigningSecret();
  await tx.webhookSecret.create({ data: { endpointId: endpoint.id, sealed: seal(secret, SECRET_PURPOSE), createdAt: now } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.secret_rotated",
    target: endpointTarget(endpoint),
    metadata: { graceHours, oldSecretSignsUntil: until.toISOString() },
  });
  return { secret, endpoint: endpointView(await findEndpoint(tx, ctx, endpointId), now) };
}

/** The current signing secret, for an admin who has just re-authenticated (a recent step-up). Audited. */
export async function revealSecret(tx: Tx, ctx: OrgContext, endpointId: string) {
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  await requireRecentStepUp(tx, ctx.principal);
  const current = await tx.webhookSecret.findFirst({ where: { endpointId: endpoint.id, expiresAt: null }, orderBy: { createdAt: "desc" } });
  if (!current) throw new AppError("conflict", "This endpoint has no current secret: rotate it to get one.");
  await appendAuditEntry(tx, { ...auditedBy(ctx), action: "webhook.secret_revealed", target: endpointTarget(endpoint), metadata: {} });
  return { secret: open(current.sealed, SECRET_PURPOSE) };
}
