import "server-only";
import { queryPrepared, type Db, type InTransaction } from "@/lib/db/client";
import type { EntryContent } from "./entry-content";
import { OUTBOX_CTE } from "./webhook-outbox";

export type PreparedAuditEntry = { content: EntryContent; contentHash: string };
export type BatchResult = Map<string, { seq: bigint; hash: string; prevHash: string }>;

const INPUT_ARRAYS = `$1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                            $15::text[], $16::text[], $17::text[], $18::text[], $19::text[]`;
const INPUT_COLUMNS = `id, org_id, ord, occurred_at, category, action, actor_type, actor_id, actor_display,
              target_type, target_id, target_display, outcome, ip, user_agent, geo, request_id, metadata, content_hash`;

/**
 * The linking, given a CTE `input` of the entries to link (one row each: the entry's columns, and `ord`, its
 * place in its organization's run from 1): it locks the heads involved (in org id order, so two links never
 * deadlock), links each org's entries in order with a recursive CTE (PostgreSQL's sha256(), from the locked
 * head's current hash), advances each head once and inserts every entry, their webhook deliveries included
 * (webhook-outbox.ts). It exists once: APPEND_BATCH_SQL below, and, byte for byte, the database function
 * verity_link_pending_audit_entries() that links a transaction's pending entries at its commit
 * (migration 20261207064500_audit_link_at_commit; link-at-commit.test.ts holds the two together).
 */
export const LINK_CTES = `locked AS (
       SELECT org_id, seq, hash FROM audit_chain_heads
        WHERE org_id IN (SELECT org_id FROM input) ORDER BY org_id FOR UPDATE
     ),
     chain AS (
       SELECT i.org_id, i.ord, l.seq + 1 AS seq, l.hash::text AS prev_hash,
              pg_catalog.encode(
                pg_catalog.sha256(pg_catalog.decode(l.hash, 'hex') || pg_catalog.decode(i.content_hash, 'hex')), 'hex'
              ) AS hash
         FROM input i JOIN locked l ON l.org_id = i.org_id
        WHERE i.ord = 1
       UNION ALL
       SELECT i.org_id, i.ord, c.seq + 1, c.hash,
              pg_catalog.encode(
                pg_catalog.sha256(pg_catalog.decode(c.hash, 'hex') || pg_catalog.decode(i.content_hash, 'hex')), 'hex'
              )
         FROM chain c JOIN input i ON i.org_id = c.org_id AND i.ord = c.ord + 1
     ),
     last AS (
       SELECT DISTINCT ON (org_id) org_id, seq, prev_hash, hash FROM chain ORDER BY org_id, ord DESC
     ),
     head AS (
       UPDATE audit_chain_heads h
          SET seq = last.seq, prev_hash = last.prev_hash, hash = last.hash, updated_at = pg_catalog.now()
         FROM last WHERE h.org_id = last.org_id
       RETURNING h.org_id
     ),
     inserted AS (
     INSERT INTO audit_entries (
       id, org_id, seq, occurred_at, category, action,
       actor_type, actor_id, actor_display, target_type, target_id, target_display,
       outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash
     )
     SELECT i.id, i.org_id, c.seq, i.occurred_at::timestamptz, i.category, i.action,
            i.actor_type, i.actor_id, i.actor_display, i.target_type, i.target_id, i.target_display,
            i.outcome, i.ip, i.user_agent, i.geo::jsonb, i.request_id, i.metadata::jsonb, i.content_hash, c.prev_hash, c.hash
       FROM input i JOIN chain c ON c.org_id = i.org_id AND c.ord = i.ord
     RETURNING *
     ), ${OUTBOX_CTE}`;

/**
 * The statement that writes audit entries at once: several prepared entries, of one or many
 * organizations, linked (LINK_CTES) in ONE statement. The standalone appender's group commit sends it
 * on its own (autocommit), so the heads are locked for that statement and its commit only.
 * $1…$19 are appendBatchParams' columns.
 */
export const APPEND_BATCH_SQL = appendBatchSql();

/**
 * APPEND_BATCH_SQL with more CTEs after the link's, written in the same statement and so committed with the entries or
 * not at all: they may read `input`, `head` (the org ids whose heads moved: the orgs whose entries were inserted) and
 * `inserted`, and their parameters follow appendBatchParams' 19 ($20 on). The REST ingest counts its events so
 * (ingest-appender.ts).
 */
export function appendBatchSql(moreCtes?: string): string {
  const more = moreCtes ? `,\n     ${moreCtes}` : "";
  return `WITH RECURSIVE input AS (
       SELECT * FROM unnest(${INPUT_ARRAYS})
         AS t(${INPUT_COLUMNS})
     ),
     ${LINK_CTES}${more}
     SELECT id::text, seq, hash, prev_hash FROM inserted`;
}

/**
 * An in-transaction append: the prepared entries go into audit_pending_entries, in order, and nothing
 * else is touched. The transaction's commit gives them their place (a deferred trigger draws commit_order)
 * and right after it they are linked (link-committed.ts: verity_link_pending_audit_entries, the same
 * LINK_CTES), so no business transaction locks the org's head. $1…$19 are appendBatchParams' columns.
 */
export const INSERT_PENDING_SQL = `INSERT INTO audit_pending_entries (
       id, org_id, occurred_at, category, action, actor_type, actor_id, actor_display,
       target_type, target_id, target_display, outcome, ip, user_agent, geo, request_id, metadata, content_hash
     )
     SELECT id, org_id, occurred_at::timestamptz, category, action, actor_type, actor_id, actor_display,
            target_type, target_id, target_display, outcome, ip, user_agent, geo::jsonb, request_id, metadata::jsonb,
            content_hash
       FROM unnest(${INPUT_ARRAYS}) WITH ORDINALITY
         AS t(${INPUT_COLUMNS}, n)
      ORDER BY n`;

/** Links the calling transaction's pending entries now, in the order they were appended (see INSERT_PENDING_SQL). */
export const LINK_PENDING_NOW_SQL = `SELECT entry_id::text AS id, entry_seq AS seq, entry_hash AS hash, entry_prev_hash AS prev_hash
  FROM verity_link_pending_audit_entries()`;

/** The batch's entries as the statement's 19 parameters, one array per column, and each entry's place in its org's run. */
export function appendBatchParams(entries: PreparedAuditEntry[]): unknown[] {
  const ordinals = new Map<string, number>();
  const column = <T>(pick: (entry: PreparedAuditEntry) => T) => entries.map(pick);
  const ord = entries.map(({ content }) => {
    const next = (ordinals.get(content.orgId) ?? 0) + 1;
    ordinals.set(content.orgId, next);
    return next;
  });
  return [
    column((e) => e.content.id),
    column((e) => e.content.orgId),
    ord,
    column((e) => e.content.occurredAt),
    column((e) => e.content.category),
    column((e) => e.content.action),
    column((e) => e.content.actor.type),
    column((e) => e.content.actor.id),
    column((e) => e.content.actor.display),
    column((e) => e.content.target?.type ?? null),
    column((e) => e.content.target?.id ?? null),
    column((e) => e.content.target?.display ?? null),
    column((e) => e.content.outcome),
    column((e) => e.content.ip),
    column((e) => e.content.userAgent),
    column((e) => (e.content.geo === null ? null : JSON.stringify(e.content.geo))),
    column((e) => e.content.requestId),
    column((e) => JSON.stringify(e.content.metadata)),
    column((e) => e.contentHash),
  ];
}

/**
 * Appends the entries with APPEND_BATCH_SQL, committed on their own (the standalone appender's group
 * commit). It takes the client, never a transaction: in a transaction, appendPreparedAuditEntries
 * (linked at commit) or appendPreparedAuditEntriesLinkedNow. Entries whose org has no chain head are
 * left out of the result. `statement` may be another of appendBatchSql's, named, with its own parameters after the
 * entries'. Prepared once per connection (queryPrepared): planning this statement took about as long as running it
 * (an entry appended alone: ~1.8 ms unprepared, ~1.0 ms prepared, bench/secrets.ts's secret reads).
 */
export async function appendAuditBatch(
  client: Db,
  entries: PreparedAuditEntry[],
  statement: { name: string; sql: string; values: unknown[] } = {
    name: "verity_append_audit_batch",
    sql: APPEND_BATCH_SQL,
    values: [],
  },
): Promise<BatchResult> {
  const rows = await queryPrepared<{ id: string; seq: string | bigint; hash: string; prev_hash: string }>(
    client,
    statement.name,
    { text: statement.sql, values: [...appendBatchParams(entries), ...statement.values] },
  );
  return new Map(rows.map((row) => [row.id, { seq: BigInt(row.seq), hash: row.hash, prevHash: row.prev_hash }]));
}

/** Adds the entries to the transaction's pending entries, linked at its commit (INSERT_PENDING_SQL). */
export async function insertPendingEntries(tx: InTransaction, entries: PreparedAuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.$executeRawUnsafe(INSERT_PENDING_SQL, ...appendBatchParams(entries));
}

/** Links every pending entry of the transaction now, in order, and answers each one's link (LINK_PENDING_NOW_SQL). */
export async function linkPendingEntriesNow(tx: InTransaction): Promise<BatchResult> {
  const rows =
    await tx.$queryRawUnsafe<{ id: string; seq: bigint; hash: string; prev_hash: string }[]>(LINK_PENDING_NOW_SQL);
  return new Map(rows.map((row) => [row.id, { seq: row.seq, hash: row.hash, prevHash: row.prev_hash }]));
}
