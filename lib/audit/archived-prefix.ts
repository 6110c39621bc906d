import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { GENESIS_HASH } from "./entry-content";

/**
 * The part of the organization's chain that left PostgreSQL for the archive (lib/lifecycle/archive): entries
 * 1..throughSeq, whose last chain hash the archive recorded. Hot entries start at throughSeq + 1 and link to
 * lastHash; 0 and the genesis hash when nothing is archived. Segments are recorded in order, each starting
 * where the one before ended (the database checks it), so the last one recorded ends the archived prefix.
 */
export async function readArchivedPrefix(
  db: Db | Tx,
  orgId: string,
): Promise<{ throughSeq: bigint; lastHash: string }> {
  const rows = await db.$queryRaw<{ to_seq: bigint; last_hash: string }[]>`
    SELECT to_seq, last_hash FROM audit_archive_segments WHERE org_id = ${orgId}::uuid ORDER BY to_seq DESC LIMIT 1`;
  return rows[0]
    ? { throughSeq: rows[0].to_seq, lastHash: rows[0].last_hash }
    : { throughSeq: 0n, lastHash: GENESIS_HASH };
}
