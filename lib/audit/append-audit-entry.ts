import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor, RequestContext, Target } from "@/lib/context";
import type { InTransaction, Tx } from "@/lib/db/client";
import { appendAuditBatch, type PreparedAuditEntry } from "./append-batch";
import { contentHashOf, nowMicros, type EntryContent, type Outcome } from "./entry-content";
import { parseAuditEvent, type AuditAction } from "./event-catalog";
import { redactMetadata } from "./redact";

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
 * Appends an entry to the organization's hash chain in the caller's transaction: the entry commits
 * or rolls back with the change it records. Call it last, just before the transaction commits, since
 * it locks the org's chain head until then. For an event that records no other change (a denial, a
 * failed sign-in), appendAuditEntryOnItsOwn commits the entry by itself instead.
 *
 * It is a batch of one (append-batch.ts, the one statement that writes entries): the head's row lock
 * serializes this org's appends, and no other org's; the link is computed with PostgreSQL's sha256()
 * from the locked row's current hash; the unique (org_id, seq) constraint is the backstop against a
 * fork; the entry's webhook deliveries are written in the same statement.
 */
export async function appendAuditEntry(tx: InTransaction, event: AuditEvent): Promise<AppendedEntry> {
  return appendPreparedAuditEntry(tx, prepareAuditEntry(event));
}

/** appendAuditEntry for an entry already prepared, whose content the caller keeps (to answer it without reading it back). */
export async function appendPreparedAuditEntry(
  tx: InTransaction,
  prepared: PreparedAuditEntry,
): Promise<AppendedEntry & { prevHash: string }> {
  // The type refuses the client; this refuses it from code that got past the type (a cast, plain JS).
  // `$connect` tells them apart: Prisma 7 gives a transaction client a `$transaction` of its own too.
  if ("$connect" in tx)
    throw new Error("appendAuditEntry joins the caller's transaction: use appendAuditEntryOnItsOwn");
  const appended = (await appendAuditBatch(tx, [prepared])).get(prepared.content.id);
  if (!appended) throw new Error(`organization ${prepared.content.orgId} has no audit chain head`);
  return { id: prepared.content.id, ...appended };
}

/** Creates an organization's chain head; call it in the transaction that creates the organization. */
export async function createChainHead(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO audit_chain_heads (org_id) VALUES (${orgId}::uuid) ON CONFLICT DO NOTHING`;
}
