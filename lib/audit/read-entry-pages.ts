import "server-only";
import { Prisma, queryTextRows, type Db, type Tx } from "@/lib/db";
import { GENESIS_HASH } from "./entry-content";

/** The organization's chain head: its last seq and hash (0 and the genesis hash before the first entry). */
export async function readChainHead(db: Db | Tx, orgId: string): Promise<{ seq: bigint; hash: string }> {
  const rows = await db.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM audit_chain_heads WHERE org_id = ${orgId}::uuid`;
  return rows[0] ?? { seq: 0n, hash: GENESIS_HASH };
}

/**
 * One page of an organization's entries after `afterSeq` (through `throughSeq`, matching `where`), in
 * seq order, each row an array of the given `columns` as text (queryTextRows: plain rows, no ORM
 * mapping, no page-sized JSON text). Cast every column to text and name each in `columns`.
 */
export async function readEntryPage<Row extends (string | null)[]>(
  db: Db | Tx,
  { orgId, columns, where = Prisma.sql`TRUE`, afterSeq, throughSeq, limit }: {
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
