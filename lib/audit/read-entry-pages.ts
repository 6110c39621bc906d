import "server-only";
import { Prisma, type Db, type Tx } from "@/lib/db";
import { GENESIS_HASH } from "./entry-content";

/** The organization's chain head: its last seq and hash (0 and the genesis hash before the first entry). */
export async function readChainHead(db: Db | Tx, orgId: string): Promise<{ seq: bigint; hash: string }> {
  const rows = await db.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM audit_chain_heads WHERE org_id = ${orgId}::uuid`;
  return rows[0] ?? { seq: 0n, hash: GENESIS_HASH };
}

/**
 * One page of an organization's entries after `afterSeq` (through `throughSeq`, matching `where`), in
 * seq order, as arrays of the given `columns`, sent by PostgreSQL as ONE JSON text: JSON.parse of one
 * value per page costs a fraction of the driver mapping twenty columns per row, and PostgreSQL only
 * joins the rows (string_agg of json_build_array: json_agg, objects and to_char there halved its
 * pace). JSON.parse rebuilds every string exactly (PostgreSQL text holds no lone surrogates). Give
 * seq as text: a bigint must not pass through a double.
 */
export async function readEntryPage<Row extends unknown[]>(
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
  const [{ page }] = await db.$queryRaw<{ page: string | null }[]>`
    SELECT string_agg(json_build_array(${columns})::text, ',' ORDER BY seq) AS page
      FROM (SELECT * FROM audit_entries
             WHERE org_id = ${orgId}::uuid AND seq > ${afterSeq} AND seq <= ${throughSeq} AND ${where}
             ORDER BY seq
             LIMIT ${limit}) AS audit_entries`;
  return JSON.parse(`[${page ?? ""}]`) as Row[];
}
