import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit";
import { entryViewOf } from "@/lib/audit/list-audit-entries";
import { meter } from "@/lib/billing/usage";
import type { Db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail";
import { webhookIdOf } from "./deliveries";
import { resolveDestination, type LookupAll } from "./destination-guard";
import { endpointTarget, liveSecrets, loopbackAllowed } from "./manage-endpoints";
import { nextAttemptAt } from "./retry-schedule";
import { sendWebhook, type DeliveryResult } from "./send";
import { signatureHeaders } from "./signing";

/** A claimed delivery is leased to its worker this long: past it (a worker killed mid-send), another worker sends it again, same webhook-id. */
export const LEASE_SECONDS = 90;
/** An endpoint that has failed every attempt for this long is disabled, and its owners told. */
export const AUTO_DISABLE_AFTER_MS = 5 * 24 * 3600_000;

type Claimed = { id: string; org_id: string; endpoint_id: string; audit_entry_id: string | null; event_type: string; payload: unknown; attempts: number };

export type DeliverOptions = {
  limit?: number;
  concurrency?: number;
  now?: () => Date;
  send?: typeof sendWebhook;
  lookup?: LookupAll;
  timeoutMs?: number;
};

/**
 * One worker pass: claims due deliveries (FOR UPDATE SKIP LOCKED, so concurrent workers never claim
 * the same one, and a lease so a crashed worker's claims come back), sends each (SSRF guard on every
 * attempt, signed by every live secret), then records the outcome and schedules the retry.
 * At least once: a worker killed between sending and recording sends nothing wrong, the lease
 * expires and the delivery goes again with the same webhook-id.
 */
export async function deliverDueWebhooks(db: Db, options: DeliverOptions = {}): Promise<{ claimed: number; delivered: number; failed: number }> {
  const { limit = 50, concurrency = 16, now = () => new Date() } = options;
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled AND e.deleted_at IS NULL
       WHERE d.status = 'pending' AND d.next_attempt_at <= ${now()}
       ORDER BY d.next_attempt_at
       LIMIT ${limit}
       FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, last_attempt_at = ${now()},
           next_attempt_at = ${now()}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
      FROM due WHERE d.id = due.id
    RETURNING d.id::text, d.org_id::text, d.endpoint_id::text, d.audit_entry_id::text, d.event_type, d.payload, d.attempts`;
  let delivered = 0;
  let failed = 0;
  const queue = [...claimed];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
        const ok = await attempt(db, delivery, options, now);
        if (ok) delivered++;
        else failed++;
      }
    }),
  );
  return { claimed: claimed.length, delivered, failed };
}

async function bodyOf(db: Db, delivery: Claimed): Promise<string> {
  if (!delivery.audit_entry_id) return JSON.stringify(delivery.payload);
  const entry = await db.auditEntry.findFirstOrThrow({ where: { id: delivery.audit_entry_id, orgId: delivery.org_id } });
  const view = entryViewOf(entry);
  // The entry as exported, with its event type: the same bytes on every attempt.
  return JSON.stringify({ type: delivery.event_type, timestamp: view.occurredAt, data: view });
}

async function attempt(db: Db, delivery: Claimed, options: DeliverOptions, now: () => Date): Promise<boolean> {
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: delivery.endpoint_id } });
  const startedAt = now();
  let result: DeliveryResult;
  const destination = await resolveDestination(endpoint.url, { allowLoopback: loopbackAllowed(), ...(options.lookup ? { lookup: options.lookup } : {}) });
  if (!destination.ok) {
    result = { ok: false, status: null, latencyMs: 0, responseExcerpt: "", retryAfter: null, error: destination.error };
  } else {
    const body = await bodyOf(db, delivery);
    const secrets = await db.$transaction((tx) => liveSecrets(tx, endpoint.id, startedAt));
    const headers = signatureHeaders({ id: webhookIdOf(delivery.id), timestamp: startedAt, body, secrets });
    const send = options.send ?? sendWebhook;
    result = await send({ url: endpoint.url, address: destination.address, headers, body, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  }
  await record(db, delivery, endpoint, result, startedAt, now());
  return result.ok;
}

async function record(
  db: Db,
  delivery: Claimed,
  endpoint: { id: string; orgId: string; url: string; description: string; failingSince: Date | null },
  result: DeliveryResult,
  startedAt: Date,
  finishedAt: Date,
) {
  const gone = result.status === 410;
  const retryAt = result.ok || gone ? null : nextAttemptAt({ attempt: delivery.attempts, now: finishedAt, retryAfter: result.retryAfter });
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        startedAt,
        status: result.status,
        latencyMs: Math.round(result.latencyMs),
        responseExcerpt: result.responseExcerpt || null,
        error: result.error,
      },
    });
    // Only the worker holding this attempt records it: a stale worker (its lease lapsed) changes nothing.
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, attempts: delivery.attempts, status: "pending" },
      data: result.ok
        ? { status: "delivered", deliveredAt: finishedAt, nextAttemptAt: null, lastStatus: result.status, lastError: null }
        : { status: retryAt ? "pending" : "failed", nextAttemptAt: retryAt, lastStatus: result.status, lastError: result.error },
    });
    if (result.ok) {
      await meter(tx, endpoint.orgId, "webhook_deliveries", 1, finishedAt);
      if (endpoint.failingSince) await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id }, data: { failingSince: null } });
      return;
    }
    if (gone) {
      const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, enabled: true }, data: { enabled: false, disabledReason: "gone", disabledAt: finishedAt } });
      if (count === 1) {
        await appendAuditEntry(tx, { orgId: endpoint.orgId, action: "webhook.disabled", actor: SYSTEM_ACTOR, target: endpointTarget(endpoint), metadata: { url: endpoint.url, reason: "gone" } });
      }
      return;
    }
    const failingSince = endpoint.failingSince ?? finishedAt;
    if (!endpoint.failingSince) await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince } });
    if (finishedAt.getTime() - failingSince.getTime() >= AUTO_DISABLE_AFTER_MS) await autoDisable(tx, endpoint, failingSince, result.error, finishedAt);
  });
}

async function autoDisable(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  endpoint: { id: string; orgId: string; url: string; description: string },
  failingSince: Date,
  lastError: string | null,
  now: Date,
) {
  const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, enabled: true }, data: { enabled: false, disabledReason: "failing", disabledAt: now } });
  if (count === 0) return;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: endpoint.orgId }, select: { slug: true, name: true } });
  const owners = await tx.membership.findMany({ where: { orgId: endpoint.orgId, role: "OWNER" }, select: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
  for (const { user } of owners) {
    await enqueueMail(tx, {
      to: user.email,
      subject: `Webhook endpoint disabled in ${org.name}: it has failed for 5 days`,
      text: `Verity stopped sending events to ${endpoint.url} (${endpoint.description || "no description"}): every delivery since ${failingSince.toUTCString()} failed${lastError ? `, most recently with: ${lastError}` : ""}.\n\nFix the receiver, then enable the endpoint again and recover the failed deliveries from /${org.slug}/webhooks.`,
      kind: "webhook_auto_disabled",
    });
  }
  await appendAuditEntry(tx, {
    orgId: endpoint.orgId,
    action: "webhook.auto_disabled",
    actor: SYSTEM_ACTOR,
    target: endpointTarget(endpoint),
    metadata: { url: endpoint.url, failingSince: failingSince.toISOString(), lastError, notified: owners.map(({ user }) => user.email) },
  });
}
