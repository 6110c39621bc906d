import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor, RequestContext, Target } from "@/lib/context";
import type { Db, InTransaction, Tx } from "@/lib/db/client";
import { insertPendingEntries, linkPendingEntriesNow, type PreparedAuditEntry } from "./append-batch";
import { linkAfterCommit } from "./link-committed";
import { contentHashOfParsed, nowMicros, type EntryContent, type Outcome } from "./entry-content";
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
  // The fast RFC 8785 path (entry-content.ts): the same bytes as `canonicalize`, about half the time per entry.
  return { content, contentHash: contentHashOfParsed(content) };
}

/** An entry appended in a transaction: its id now; its seq and hash once the transaction has committed. */
export type PendingEntry = { id: string };

/** The run-time half of InTransaction (a cast or plain JS got past the type). */
function assertInTransaction(tx: InTransaction, what: string) {
  // `$connect` tells them apart: Prisma 7 gives a transaction client a `$transaction` of its own too.
  if ("$connect" in tx) throw new Error(`${what} joins the caller's transaction: use appendAuditEntryOnItsOwn`);
}

/**
 * Appends an entry to the organization's hash chain in the caller's transaction: the entry commits
 * or rolls back with the change it records. For an event that records no other change (a denial, a
 * failed sign-in), appendAuditEntryOnItsOwn commits the entry by itself instead.
 *
 * The entry is linked right after the transaction commits (link-committed.ts): until then it waits in
 * audit_pending_entries and the chain head is untouched, so no business transaction holds the org's
 * head; the transaction's `$transaction` returns once its entries are linked, and a transaction's
 * entries take consecutive places in the order they were appended, after every transaction that
 * committed before it. A transaction's entries are therefore not in audit_entries before it commits;
 * the caller gets the entry's id, and reads its seq and hash after the commit if it needs them (or,
 * where it must know them inside the transaction, uses appendAuditEntryLinkedNow).
 */
export async function appendAuditEntry(tx: InTransaction, event: AuditEvent): Promise<PendingEntry> {
  return appendPreparedAuditEntries(tx, [prepareAuditEntry(event)]).then(([entry]) => entry);
}

/** appendAuditEntry for several entries already prepared, of one or many organizations, in this order. */
export async function appendPreparedAuditEntries(
  tx: InTransaction,
  prepared: PreparedAuditEntry[],
): Promise<PendingEntry[]> {
  assertInTransaction(tx, "appendAuditEntry");
  await insertPendingEntries(tx, prepared);
  linkAfterCommit(
    tx,
    prepared.map(({ content }) => ({ orgId: content.orgId, id: content.id })),
  );
  return prepared.map(({ content }) => ({ id: content.id }));
}

/**
 * appendAuditEntry, linked now instead of at the commit, for the few callers that must answer the
 * entry's seq and hash from inside the transaction (the REST ingest endpoints). The org's chain head is
 * then locked from here to the commit, as every append once was: call it last. The transaction's
 * entries appended before it are linked first, so the order of appends stays the chain's order.
 */
export async function appendAuditEntryLinkedNow(tx: InTransaction, event: AuditEvent): Promise<AppendedEntry> {
  return appendPreparedAuditEntryLinkedNow(tx, prepareAuditEntry(event));
}

/** appendAuditEntryLinkedNow for an entry already prepared, whose content the caller keeps (to answer it without reading it back). */
export async function appendPreparedAuditEntryLinkedNow(
  tx: InTransaction,
  prepared: PreparedAuditEntry,
): Promise<AppendedEntry & { prevHash: string }> {
  const [entry] = await appendPreparedAuditEntriesLinkedNow(tx, [prepared]);
  return entry;
}

/** appendAuditEntryLinkedNow for several prepared entries, answered in the same order. */
export async function appendPreparedAuditEntriesLinkedNow(
  tx: InTransaction,
  prepared: PreparedAuditEntry[],
): Promise<(AppendedEntry & { prevHash: string })[]> {
  assertInTransaction(tx, "appendAuditEntryLinkedNow");
  await insertPendingEntries(tx, prepared);
  const linked = await linkPendingEntriesNow(tx);
  return prepared.map(({ content }) => {
    const appended = linked.get(content.id);
    if (!appended) throw new Error(`organization ${content.orgId} has no audit chain head`);
    return { id: content.id, ...appended };
  });
}

/**
 * The seq and hash of an entry appended in a transaction that has committed since (appendAuditEntry
 * answers only its id). Read from the chain itself, with the same client or the read client.
 */
export async function committedEntry(db: Pick<Db, "auditEntry">, entry: PendingEntry): Promise<AppendedEntry> {
  const row = await db.auditEntry.findUnique({ where: { id: entry.id }, select: { id: true, seq: true, hash: true } });
  if (!row) throw new Error(`audit entry ${entry.id} is not in the chain: its transaction has not committed`);
  return row;
}

/** Creates an organization's chain head; call it in the transaction that creates the organization. */
export async function createChainHead(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO audit_chain_heads (org_id) VALUES (${orgId}::uuid) ON CONFLICT DO NOTHING`;
}
