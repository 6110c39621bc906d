import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/** A stored checkpoint: its tree size, root hash and the chain hash of entry `size` (hex), its signed note. */
export type StoredCheckpoint = {
  size: bigint;
  rootHash: string;
  chainHash: string;
  note: string;
  keyId: string;
  createdAt: Date;
};

export type CheckpointRow = {
  size: bigint;
  root_hash: string;
  chain_hash: string;
  note: string;
  key_id: string;
  created_at: Date;
};

/** The audit_checkpoints columns a CheckpointRow holds, for every query that reads one. */
export const CHECKPOINT_COLUMNS = Prisma.raw("size, root_hash, chain_hash, note, key_id, created_at");

/** A checkpoint as its audit_checkpoints row holds it. */
export const checkpointOf = (row: CheckpointRow): StoredCheckpoint => ({
  size: row.size,
  rootHash: row.root_hash,
  chainHash: row.chain_hash,
  note: row.note,
  keyId: row.key_id,
  createdAt: row.created_at,
});

/** The organization's latest checkpoint (the largest size), or null before the first. */
export async function lastCheckpoint(db: Db | Tx, orgId: string): Promise<StoredCheckpoint | null> {
  const rows = await db.$queryRaw<CheckpointRow[]>`
    SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints
     WHERE org_id = ${orgId}::uuid ORDER BY size DESC LIMIT 1`;
  return rows[0] ? checkpointOf(rows[0]) : null;
}

/** Every checkpoint of the organization, smallest size first. */
export async function listCheckpoints(db: Db | Tx, orgId: string): Promise<StoredCheckpoint[]> {
  const rows = await db.$queryRaw<CheckpointRow[]>`
    SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints
     WHERE org_id = ${orgId}::uuid ORDER BY size`;
  return rows.map(checkpointOf);
}
