import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { meteredPeriodStart } from "@/lib/billing/metered-period";
import { meter } from "@/lib/billing/usage";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { enqueueMail } from "@/lib/mail";
import { raiseSecurityAlertOnItsOwn } from "@/lib/audit/security-alerts/raise-security-alert";
import { webhookIdOf } from "./deliveries";
import { resolveDestination, type LookupAll } from "./destination-guard";
import { destinationPolicy } from "./destination-policy";
import { endpointTarget } from "./endpoint-view";
import { nextAttemptAt } from "./retry-schedule";
import { sendWebhook, sentHeaders, type DeliveryResult } from "./send";
import { openSigningSecret } from "./sealed-signing-secret";
import { signatureHeaders } from "./signing";

/**
 * A claimed delivery is leased to its worker this long: past it (a worker killed mid-send), another worker sends it
 * again, same webhook-id.
 */
export const LEASE_SECONDS = 90;
/** An endpoint that has failed every attempt for this long is disabled, and its owners told. */
export const AUTO_DISABLE_AFTER_MS = 5 * 24 * 3600_000;

type Claimed = {
  id: string;
  org_id: string;
  endpoint_id: string;
  audit_entry_id: string | null;
  event_type: string;
  payload: unknown;
  attempts: number;
};

export type DeliverOptions = {
  limit?: number;
  concurrency?: number;
  now?: () => Date;
  send?: typeof sendWebhook;
  lookup?: LookupAll;
  timeoutMs?: number;
  /** Only this organization's deliveries (an operator draining one tenant; tests that share a database). */
  orgId?: string;
};

/**
 * One worker pass: claims due deliveries (FOR UPDATE SKIP LOCKED, so concurrent workers never claim
 * the same one, and a lease so a crashed worker's claims come back), sends each (SSRF guard on every
 * attempt, signed by every live secret), then records the outcome and schedules the retry.
 * At least once: a worker killed between sending and recording sends nothing wrong, the lease
 * expires and the delivery goes again with the same webhook-id.
 */
export async function deliverDueWebhooks(
  db: Db,
  options: DeliverOptions = {},
): Promise<{ claimed: number; delivered: number; failed: number }> {
  const { limit = 50, concurrency = 16, now = () => new Date(), orgId = null } = options;
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled AND e.deleted_at IS NULL
       WHERE d.status = 'pending' AND d.next_attempt_at <= ${now()}
         AND (${orgId}::uuid IS NULL OR d.org_id = ${orgId}::uuid)
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
  const batch = await loadBatch(db, claimed, now());
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
        const ok = await attempt(db, delivery, batch, options, now);
        if (ok) delivered++;
        else failed++;
      }
    }),
  );
  return { claimed: claimed.length, delivered, failed };
}

type EndpointRow = { id: string; orgId: string; url: string; description: string; failingSince: Date | null };
type Batch = {
  endpoints: Map<string, EndpointRow>;
  secrets: Map<string, string[]>;
  bodies: Map<string, string>;
  /** Endpoints with a live secret this instance cannot open: their deliveries fail with the reason. */
  unreadable: Set<string>;
};

/** What a delivery whose endpoint's secret cannot be opened records: the reason, never the secret. */
export const UNREADABLE_SECRET_ERROR =
  "the endpoint's signing secret could not be decrypted: this instance's key ring (VERITY_ENCRYPTION_KEY, " +
  "VERITY_KEY_ENCRYPTION_KEYS) lacks the key that sealed it";

/**
 * Everything a pass needs, in two queries for the whole batch instead of two per delivery: the
 * endpoints and their live secrets (opened once each). Bodies are the deliveries' own: an audit
 * event's was built by the statement that appended the entry (lib/audit/webhook-outbox.ts), from
 * the row it committed, so nothing is re-read here. Secrets are read at the start of the pass: one
 * that expires during the pass signs a few seconds longer.
 */
async function loadBatch(db: Db, claimed: Claimed[], now: Date): Promise<Batch> {
  if (claimed.length === 0)
    return { endpoints: new Map(), secrets: new Map(), bodies: new Map(), unreadable: new Set() };
  const endpointIds = [...new Set(claimed.map((delivery) => delivery.endpoint_id))];
  const [endpoints, secretRows] = await Promise.all([
    db.webhookEndpoint.findMany({
      where: { id: { in: endpointIds } },
      select: { id: true, orgId: true, url: true, description: true, failingSince: true },
    }),
    db.webhookSecret.findMany({
      where: { endpointId: { in: endpointIds }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const secrets = new Map<string, string[]>();
  const unreadable = new Set<string>();
  const orgOf = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.orgId]));
  for (const row of secretRows) {
    // One secret that will not open (sealed under another instance's key) fails its endpoint's deliveries, not the pass.
    let secret: string;
    try {
      const place = { orgId: orgOf.get(row.endpointId)!, endpointId: row.endpointId, secretId: row.id };
      secret = await openSigningSecret(db, place, row.sealed);
    } catch {
      unreadable.add(row.endpointId);
      continue;
    }
    secrets.set(row.endpointId, [...(secrets.get(row.endpointId) ?? []), secret]);
  }
  const bodies = new Map<string, string>();
  for (const delivery of claimed) {
    if (delivery.payload === null) throw new Error(`delivery ${delivery.id} has no body`);
    bodies.set(delivery.id, JSON.stringify(delivery.payload));
  }
  const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
  for (const endpointId of unreadable) await alertUnreadableSecret(db, byId.get(endpointId)!);
  return { endpoints: byId, secrets, bodies, unreadable };
}

/** A security alert for the endpoint's organization (grouped: one per endpoint and window, however many passes). */
async function alertUnreadableSecret(db: Db, endpoint: EndpointRow) {
  const target = endpointTarget(endpoint);
  await raiseSecurityAlertOnItsOwn(db, {
    orgId: endpoint.orgId,
    kind: "secret_unreadable",
    subject: target,
    groupKey: `webhook_endpoint:${endpoint.id}`,
    entry: { actor: SYSTEM_ACTOR, target, outcome: "failure", metadata: { detail: UNREADABLE_SECRET_ERROR } },
  }).catch((error: unknown) => {
    // The deliveries still fail with the reason; the alert is retried by the next pass.
    console.error(
      `webhooks: could not raise the unreadable-secret alert for endpoint ${endpoint.id}: ${(error as Error)?.name}`,
    );
  });
}

async function attempt(
  db: Db,
  delivery: Claimed,
  batch: Batch,
  options: DeliverOptions,
  now: () => Date,
): Promise<boolean> {
  const endpoint = batch.endpoints.get(delivery.endpoint_id)!;
  const startedAt = now();
  let result: DeliveryResult;
  if (batch.unreadable.has(endpoint.id)) {
    result = {
      ok: false,
      status: null,
      latencyMs: 0,
      responseExcerpt: "",
      responseHeaders: null,
      retryAfter: null,
      error: UNREADABLE_SECRET_ERROR,
    };
    await record(db, delivery, endpoint, result, null, startedAt, now());
    return false;
  }
  const destination = await resolveDestination(endpoint.url, {
    ...destinationPolicy(),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  // What went out, for the delivery log: the signature headers and sendWebhook's own (the body is the delivery's).
  let requestHeaders: Record<string, string> | null = null;
  if (!destination.ok) {
    const error = destination.error;
    result = {
      ok: false,
      status: null,
      latencyMs: 0,
      responseExcerpt: "",
      responseHeaders: null,
      retryAfter: null,
      error,
    };
  } else {
    const body = batch.bodies.get(delivery.id)!;
    const headers = signatureHeaders({
      id: webhookIdOf(delivery.id),
      timestamp: startedAt,
      body,
      secrets: batch.secrets.get(endpoint.id) ?? [],
    });
    requestHeaders = sentHeaders(headers, body);
    const send = options.send ?? sendWebhook;
    result = await send({
      url: endpoint.url,
      address: destination.address,
      headers,
      body,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  }
  await record(db, delivery, endpoint, result, requestHeaders, startedAt, now());
  return result.ok;
}

async function record(
  db: Db,
  delivery: Claimed,
  endpoint: { id: string; orgId: string; url: string; description: string; failingSince: Date | null },
  result: DeliveryResult,
  requestHeaders: Record<string, string> | null,
  startedAt: Date,
  finishedAt: Date,
) {
  const gone = result.status === 410;
  const retryAt =
    result.ok || gone
      ? null
      : nextAttemptAt({ attempt: delivery.attempts, now: finishedAt, retryAfter: result.retryAfter });
  // The common cases change nothing on the endpoint: the attempt and the delivery's new state in one
  // statement (atomic on its own), one round trip instead of an interactive transaction's four.
  const endpointUnchanged = result.ok
    ? endpoint.failingSince === null
    : !gone &&
      endpoint.failingSince !== null &&
      finishedAt.getTime() - endpoint.failingSince.getTime() < AUTO_DISABLE_AFTER_MS;
  if (endpointUnchanged) {
    const status = result.ok ? "delivered" : retryAt ? "pending" : "failed";
    await db.$executeRaw`
      WITH attempt AS (
        INSERT INTO webhook_attempts (id, delivery_id, attempt, started_at, status, latency_ms, response_excerpt, error,
                                      request_headers, response_headers)
        VALUES (gen_random_uuid(), ${delivery.id}::uuid, ${delivery.attempts}, ${startedAt}, ${result.status},
                ${Math.round(result.latencyMs)}, ${result.responseExcerpt || null}, ${result.error},
                ${requestHeaders === null ? null : JSON.stringify(requestHeaders)}::jsonb,
                ${result.responseHeaders ? JSON.stringify(result.responseHeaders) : null}::jsonb)
      ), usage AS (
        -- billing's meter(…, "webhook_deliveries"), in the same statement as the delivery it counts
        INSERT INTO usage_counters (org_id, period_start, metric, day, count)
        SELECT ${endpoint.orgId}::uuid, ${meteredPeriodStart(endpoint.orgId, finishedAt)}, 'webhook_deliveries',
               (${finishedAt}::timestamptz AT TIME ZONE 'UTC')::date, 1 WHERE ${result.ok}
        ON CONFLICT (org_id, period_start, metric, day) DO UPDATE SET count = usage_counters.count + EXCLUDED.count
      )
      UPDATE webhook_deliveries
         SET status = ${status}, delivered_at = ${result.ok ? finishedAt : null}, next_attempt_at = ${retryAt},
             last_status = ${result.status}, last_error = ${result.error}
       WHERE id = ${delivery.id}::uuid AND attempts = ${delivery.attempts} AND status = 'pending'`;
    return;
  }
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
        requestHeaders: requestHeaders ?? Prisma.DbNull,
        responseHeaders: result.responseHeaders ?? Prisma.DbNull,
      },
    });
    // Only the worker holding this attempt records it: a stale worker (its lease lapsed) changes nothing.
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, attempts: delivery.attempts, status: "pending" },
      data: result.ok
        ? {
            status: "delivered",
            deliveredAt: finishedAt,
            nextAttemptAt: null,
            lastStatus: result.status,
            lastError: null,
          }
        : {
            status: retryAt ? "pending" : "failed",
            nextAttemptAt: retryAt,
            lastStatus: result.status,
            lastError: result.error,
          },
    });
    if (result.ok) {
      await meter(tx, endpoint.orgId, "webhook_deliveries", 1, finishedAt);
      if (endpoint.failingSince)
        await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id }, data: { failingSince: null } });
      return;
    }
    if (gone) {
      const { count } = await tx.webhookEndpoint.updateMany({
        where: { id: endpoint.id, enabled: true },
        data: { enabled: false, disabledReason: "gone", disabledAt: finishedAt },
      });
      if (count === 1) {
        await appendAuditEntry(tx, {
          orgId: endpoint.orgId,
          action: "webhook.disabled",
          actor: SYSTEM_ACTOR,
          target: endpointTarget(endpoint),
          metadata: { url: endpoint.url, reason: "gone" },
        });
      }
      return;
    }
    const failingSince = endpoint.failingSince ?? finishedAt;
    if (!endpoint.failingSince)
      await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince } });
    if (finishedAt.getTime() - failingSince.getTime() >= AUTO_DISABLE_AFTER_MS)
      await autoDisable(tx, endpoint, failingSince, result.error, finishedAt);
  });
}

async function autoDisable(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  endpoint: { id: string; orgId: string; url: string; description: string },
  failingSince: Date,
  lastError: string | null,
  now: Date,
) {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpoint.id, enabled: true },
    data: { enabled: false, disabledReason: "failing", disabledAt: now },
  });
  if (count === 0) return;
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: endpoint.orgId },
    select: { slug: true, name: true },
  });
  const owners = await tx.membership.findMany({
    where: { orgId: endpoint.orgId, role: "OWNER" },
    select: { user: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const { user } of owners) {
    await enqueueMail(tx, {
      to: user.email,
      subject: `Webhook endpoint disabled in ${org.name}: it has failed for 5 days`,
      text:
        `Verity stopped sending events to ${endpoint.url} (${endpoint.description || "no description"}): ` +
        `every delivery since ${failingSince.toUTCString()} failed` +
        `${lastError ? `, most recently with: ${lastError}` : ""}.\n\n` +
        `Fix the receiver, then enable the endpoint again and recover the failed deliveries from /${org.slug}/webhooks.`,
      kind: "webhook_auto_disabled",
    });
  }
  await appendAuditEntry(tx, {
    orgId: endpoint.orgId,
    action: "webhook.auto_disabled",
    actor: SYSTEM_ACTOR,
    target: endpointTarget(endpoint),
    metadata: {
      url: endpoint.url,
      failingSince: failingSince.toISOString(),
      lastError,
      notified: owners.map(({ user }) => user.email),
    },
  });
}
