import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { Prisma, WebhookAttempt, WebhookDelivery } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { endpointTarget } from "./endpoint-view";
import { sampleEventBody } from "./event-samples";
import { findEndpoint } from "./find-endpoint";
import { ZWebhookDeliveryView, type TWebhookDeliveryView } from "./schemas";

/** The Standard Webhooks `webhook-id` of a delivery: the same on every attempt, so receivers can deduplicate. */
export const webhookIdOf = (deliveryId: string) => `msg_${deliveryId.replaceAll("-", "")}`;

const headersOf = (value: unknown): Record<string, string> | null =>
  value !== null && typeof value === "object" ? (value as Record<string, string>) : null;

export function deliveryView(row: WebhookDelivery & { attemptLog: WebhookAttempt[] }): TWebhookDeliveryView {
  return ZWebhookDeliveryView.parse({
    id: row.id,
    webhookId: webhookIdOf(row.id),
    eventType: row.eventType,
    auditEntryId: row.auditEntryId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    replayOfId: row.replayOfId,
    createdAt: row.createdAt.toISOString(),
    // As the worker sends it (deliver-due.ts: JSON.stringify of the stored payload).
    body: row.payload === null ? null : JSON.stringify(row.payload),
    attemptLog: row.attemptLog
      .sort((a, b) => a.attempt - b.attempt)
      .map((attempt) => ({
        attempt: attempt.attempt,
        startedAt: attempt.startedAt.toISOString(),
        status: attempt.status,
        latencyMs: attempt.latencyMs,
        responseExcerpt: attempt.responseExcerpt,
        error: attempt.error,
        requestHeaders: headersOf(attempt.requestHeaders),
        responseHeaders: headersOf(attempt.responseHeaders),
      })),
  });
}

export const ZListDeliveries = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    before: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("createdAt of the last delivery of the previous page."),
    status: z.enum(["pending", "delivered", "failed"]).optional(),
  })
  .strict();

/** An endpoint's delivery log, newest first, with every attempt. */
export async function listDeliveries(
  tx: Tx,
  ctx: OrgContext,
  endpointId: string,
  query: z.input<typeof ZListDeliveries>,
) {
  const { limit, before, status } = ZListDeliveries.parse(query);
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  const rows = await tx.webhookDelivery.findMany({
    where: {
      endpointId: endpoint.id,
      orgId: ctx.org.id,
      ...(before ? { createdAt: { lt: new Date(before) } } : {}),
      ...(status ? { status } : {}),
    },
    include: { attemptLog: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return {
    data: rows.map(deliveryView),
    nextBefore: rows.length === limit ? rows.at(-1)!.createdAt.toISOString() : null,
  };
}

/** Sends an event again as a new delivery (a new webhook-id, linked to the original), at once. */
export async function replayDelivery(tx: Tx, ctx: OrgContext, endpointId: string, deliveryId: string) {
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  const original = await tx.webhookDelivery.findFirst({
    where: { id: deliveryId, endpointId: endpoint.id, orgId: ctx.org.id },
  });
  if (!original) {
    // A nested id from another organization is a probe too (cross-tenant BOLA): recorded, flagged, there.
    const foreign = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, orgId: { not: ctx.org.id } },
      select: { orgId: true },
    });
    const probe = foreign
      ? {
          permission: "webhooks.manage",
          reason: "foreign_webhook_delivery",
          crossTenant: true,
          targetOrgId: foreign.orgId,
        }
      : undefined;
    throw new AppError("not_found", "No such delivery for this endpoint.", undefined, probe);
  }
  const replay = await tx.webhookDelivery.create({
    data: {
      orgId: ctx.org.id,
      endpointId: endpoint.id,
      auditEntryId: original.auditEntryId,
      eventType: original.eventType,
      ...(original.payload === null ? {} : { payload: original.payload }),
      replayOfId: original.id,
    },
    include: { attemptLog: true },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.replay_requested",
    target: endpointTarget(endpoint),
    metadata: { deliveryId: original.id, replayId: replay.id, eventType: original.eventType },
  });
  return deliveryView(replay);
}

export const ZRecoverFailed = z
  .object({ since: z.iso.datetime({ offset: true, message: "A date and time, for example 2026-11-24T00:00:00Z." }) })
  .strict();

/** Every delivery of the endpoint that failed since `since` goes back in the queue, same webhook-id, attempts from scratch. */
export async function recoverFailed(
  tx: Tx,
  ctx: OrgContext,
  endpointId: string,
  input: z.input<typeof ZRecoverFailed>,
  now = new Date(),
) {
  const { since } = ZRecoverFailed.parse(input);
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  const { count } = await tx.webhookDelivery.updateMany({
    where: { endpointId: endpoint.id, orgId: ctx.org.id, status: "failed", createdAt: { gte: new Date(since) } },
    data: { status: "pending", attempts: 0, nextAttemptAt: now },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.recover_requested",
    target: endpointTarget(endpoint),
    metadata: { since, count },
  });
  return { recovered: count };
}

/**
 * A test event to this endpoint alone, sent by the worker like any other: `webhook.test` by default, or a sample of
 * any event type the trail records (its catalog sample, marked `"test": true`, so a receiver can exercise the code
 * for that type and still tell it from a real one).
 */
export async function sendTestEvent(
  tx: Tx,
  ctx: OrgContext,
  endpointId: string,
  now = new Date(),
  { eventType }: { eventType?: string } = {},
) {
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  const sample = eventType ? sampleEventBody(eventType) : null;
  if (eventType && !sample)
    throw new AppError("invalid_input", "Not an event type Verity records.", {
      eventType: ["Not an event type Verity records."],
    });
  const payload = sample
    ? { type: sample.type, timestamp: now.toISOString(), test: true, data: sample.data }
    : {
        type: "webhook.test",
        timestamp: now.toISOString(),
        data: { message: "A test event from Verity.", endpointId: endpoint.id, organization: ctx.org.slug },
      };
  const delivery = await tx.webhookDelivery.create({
    data: {
      orgId: ctx.org.id,
      endpointId: endpoint.id,
      eventType: payload.type,
      payload: payload as Prisma.InputJsonObject,
    },
    include: { attemptLog: true },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.test_sent",
    target: endpointTarget(endpoint),
    metadata: { deliveryId: delivery.id, ...(sample ? { eventType: sample.type } : {}) },
  });
  return deliveryView(delivery);
}
