import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor, RequestContext, Target } from "@/lib/context";
import { Prisma, type Db, type Tx } from "@/lib/db";
import { OUTBOX_CTE } from "@/lib/webhooks/outbox";
import { contentHashOf, nowMicros, type EntryContent, type Outcome } from "./entry-content";
import { parseAuditEvent, type AuditAction } from "./event-catalog";
import type { PreparedAuditEntry } from "./append-batch";
import { redactMetadata } from "./redact";
import { standaloneAppender } from "./standalone-appender";


export type AuditEvent = {
  orgId: string;
  action: AuditAction;
  actor: Actor;
  target?: Target | null;
  outcome?: Outcome;
  context?: RequestContext | null;
  metadata?: Record<string, unknown>;
  /** For imports and demo data only; live events take the time of the append. */
  occurredAt?: string;
};

export type AppendedEntry = { id: string; seq: bigint; hash: string };

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, display: "Verity" };

/** The entry's content, with metadata checked against the catalog and redacted, and its content hash. */
export function prepareAuditEntry(event: AuditEvent): PreparedAuditEntry {
  const { category, metadata } = parseAuditEvent(event.action, event.metadata);
  // Redacted before hashing, and round-tripped through JSON so the hash covers exactly what jsonb stores.
  const storedMetadata = JSON.parse(JSON.stringify(redactMetadata(metadata))) as Record<string, unknown>;
  const context = event.context ?? null;
  const content: EntryContent = {
    id: randomUUID(),
    orgId: event.orgId,
    occurredAt: event.occurredAt ?? nowMicros(),
    category,
    action: event.action,
    actor: event.actor,
    target: event.target ?? null,
    outcome: event.outcome ?? "success",
    ip: context?.ip ?? null,
    userAgent: context?.userAgent ?? null,
    geo: context?.geo ?? null,
    requestId: context?.requestId ?? null,
    metadata: storedMetadata,
  };
  return { content, contentHash: contentHashOf(content) };
}

/**
 * Appends an entry to the organization's hash chain.
 *
 * Given the caller's transaction (`tx`), the entry commits or rolls back with the change it records;
 * call it last, just before the transaction commits, since it locks the org's chain head until then.
 * Given the client itself (`db`), for an event that records no other change (a denial, a failed
 * sign-in, an ingested customer event), the entry commits on its own, possibly in one statement with
 * other standalone entries (append-batch.ts).
 *
 * In a transaction, the head is advanced and the entry inserted in one statement: the UPDATE takes the head's row
 * lock (serializing this org's appends, and no other org's), computes the link with PostgreSQL's
 * sha256() from the locked row's current hash, and feeds the INSERT. The unique (org_id, seq)
 * constraint is the backstop against a fork. The same statement writes the entry's webhook deliveries
 * (lib/webhooks/outbox.ts).
 */
export async function appendAuditEntry(client: Tx | Db, event: AuditEvent): Promise<AppendedEntry> {
  const prepared = prepareAuditEntry(event);
  // A transaction client has no $transaction of its own.
  if (!("$transaction" in client)) return appendInTransaction(client as Tx, prepared);
  // On its own: group-committed with other standalone appends of this process (standalone-appender.ts).
  const { seq, hash } = await standaloneAppender(client as Db).append(prepared);
  return { id: prepared.content.id, seq, hash };
}

async function appendInTransaction(tx: Tx, { content, contentHash }: PreparedAuditEntry): Promise<AppendedEntry> {
  const rows = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    WITH head AS (
      UPDATE audit_chain_heads
         SET seq = seq + 1,
             prev_hash = hash,
             hash = encode(sha256(decode(hash, 'hex') || decode(${contentHash}, 'hex')), 'hex'),
             updated_at = now()
       WHERE org_id = ${content.orgId}::uuid
      RETURNING seq, prev_hash, hash
    ), inserted AS (
    INSERT INTO audit_entries (
      id, org_id, seq, occurred_at, category, action,
      actor_type, actor_id, actor_display, target_type, target_id, target_display,
      outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash
    )
    SELECT ${content.id}::uuid, ${content.orgId}::uuid, head.seq, ${content.occurredAt}::timestamptz,
           ${content.category}, ${content.action},
           ${content.actor.type}, ${content.actor.id}, ${content.actor.display},
           ${content.target?.type ?? null}, ${content.target?.id ?? null}, ${content.target?.display ?? null},
           ${content.outcome}, ${content.ip}, ${content.userAgent},
           ${content.geo === null ? null : JSON.stringify(content.geo)}::jsonb, ${content.requestId},
           ${JSON.stringify(content.metadata)}::jsonb, ${contentHash}, head.prev_hash, head.hash
      FROM head
    RETURNING id, org_id, category, action, seq, hash
    ), ${Prisma.raw(OUTBOX_CTE)}
    SELECT seq, hash FROM inserted`;
  if (rows.length !== 1) throw new Error(`organization ${content.orgId} has no audit chain head`);
  return { id: content.id, seq: rows[0].seq, hash: rows[0].hash };
}

/** Creates an organization's chain head; call it in the transaction that creates the organization. */
export async function createChainHead(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO audit_chain_heads (org_id) VALUES (${orgId}::uuid) ON CONFLICT DO NOTHING`;
}
