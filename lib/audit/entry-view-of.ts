import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { AuditEntry } from "@/lib/db/generated/client";
import type { PreparedAuditEntry } from "./append-batch";
import { ZAuditEntryView, type TAuditEntryView } from "./audit-entry-view";

/** A row as AUDIT_ENTRY_COLUMNS reads it: occurredAt as text, to the microsecond the hash covers (a Date stops at ms). */
export type AuditEntryRow = Omit<AuditEntry, "occurredAt"> & { occurredAt: string };

/** A stored row in the shape it leaves the server in (the one mapper for lists, search, export and the API). */
export function entryViewOf(row: AuditEntryRow): TAuditEntryView {
  return ZAuditEntryView.parse({
    id: row.id,
    orgId: row.orgId,
    seq: row.seq.toString(),
    occurredAt: row.occurredAt,
    category: row.category,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId, display: row.actorDisplay },
    target: row.targetType === null ? null : { type: row.targetType, id: row.targetId, display: row.targetDisplay },
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.userAgent,
    geo: row.geo ?? null,
    requestId: row.requestId,
    metadata: row.metadata ?? {},
    contentHash: row.contentHash,
    prevHash: row.prevHash,
    hash: row.hash,
  });
}

/**
 * An entry just appended, in the same view, from the content its hashes cover and its place in the chain:
 * what reading its row back would give (its metadata is already what jsonb stores, see prepareAuditEntry),
 * without the round trip, which an in-transaction append would make while it holds the org's chain head.
 */
export function appendedEntryView(
  { content, contentHash }: PreparedAuditEntry,
  { seq, prevHash, hash }: { seq: bigint; prevHash: string; hash: string },
): TAuditEntryView {
  return ZAuditEntryView.parse({
    ...content,
    seq: seq.toString(),
    contentHash,
    prevHash,
    hash,
  });
}

/** Every column of audit_entries under its Prisma name, so raw rows go through the same view mapper. */
export const AUDIT_ENTRY_COLUMNS = Prisma.sql`
  id::text AS "id", org_id::text AS "orgId", seq,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt", category, action,
  actor_type AS "actorType", actor_id AS "actorId", actor_display AS "actorDisplay",
  target_type AS "targetType", target_id AS "targetId", target_display AS "targetDisplay",
  outcome, ip, user_agent AS "userAgent", geo, request_id AS "requestId", metadata,
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;
