import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { queryTextRows, type Db, type Tx } from "@/lib/db/client";
import { GENESIS_HASH } from "./entry-content";

/** The organization's chain head: its last seq and hash (0 and the genesis hash before the first entry). */
export async function readChainHead(db: Db | Tx, orgId: string): Promise<{ seq: bigint; hash: string }> {
  const rows = await db.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM audit_chain_heads WHERE org_id = ${orgId}::uuid`;
  return rows[0] ?? { seq: 0n, hash: GENESIS_HASH };
}

/** An entry as text, in ENTRY_TEXT_COLUMNS' order (geo and metadata as their JSON). */
export type EntryTextRow = [
  seq: string,
  id: string,
  /** UTC to the stored microsecond, as the hash covers it: 2026-11-25T13:28:18.123456Z */
  occurredAt: string,
  category: string,
  action: string,
  actorType: string,
  actorId: string | null,
  actorDisplay: string | null,
  targetType: string | null,
  targetId: string | null,
  targetDisplay: string | null,
  outcome: string,
  ip: string | null,
  userAgent: string | null,
  geo: string | null,
  requestId: string | null,
  metadata: string,
  contentHash: string,
  prevHash: string,
  hash: string,
];

export const ENTRY_TEXT_COLUMNS = Prisma.sql`seq::text AS seq, id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at, category, action, actor_type, actor_id,
  actor_display, target_type, target_id, target_display, outcome, ip, user_agent, geo::text AS geo, request_id,
  metadata::text AS metadata, content_hash::text AS content_hash, prev_hash::text AS prev_hash, hash::text AS hash`;

/**
 * One page of an organization's entries after `afterSeq` (through `throughSeq`, matching `where`), in
 * seq order, each row an array of the given `columns` as text (queryTextRows: plain rows, no ORM
 * mapping, no page-sized JSON text). Cast every column to text and name each in `columns`.
 */
export async function readEntryPage<Row extends (string | null)[]>(
  db: Db | Tx,
  {
    orgId,
    columns,
    where = Prisma.sql`TRUE`,
    afterSeq,
    throughSeq,
    limit,
  }: {
    orgId: string;
    columns: Prisma.Sql;
    where?: Prisma.Sql;
    afterSeq: bigint;
    throughSeq: bigint;
    limit: number;
  },
): Promise<Row[]> {
  return (await queryTextRows(
    db,
    Prisma.sql`
      SELECT ${columns}
        FROM audit_entries
       WHERE org_id = ${orgId}::uuid AND seq > ${afterSeq} AND seq <= ${throughSeq} AND ${where}
       ORDER BY audit_entries.seq -- the column: a "seq" in the select list is text, and would sort 10 before 2
       LIMIT ${limit}`,
  )) as Row[];
}
