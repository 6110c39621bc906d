import "server-only";
import { readArchivedPrefix } from "@/lib/audit/archived-prefix";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { readChainHead } from "@/lib/audit/read-entry-pages";
import { TILE_WIDTH } from "@/lib/audit/tree/tiles";
import type { Db } from "@/lib/db/client";
import type { SegmentStart } from "./write-segment";

const DAY_MS = 86_400_000;

/**
 * What of the organization's chain is due for the archive now: the entries after the archived prefix that are
 * older than `olderThanDays`, as a prefix (up to the first entry that is not), and only as far as the tree no
 * longer needs them: through the last full tile (256 leaves) of the latest signed checkpoint. The tree keeps
 * its full tiles in PostgreSQL; its right edge, a partial tile, is computed from the entries, so they stay.
 * Brings the checkpoint up to the head first. Null when nothing is due.
 */
export async function planArchive(
  db: Db,
  { orgId, olderThanDays, now = new Date() }: { orgId: string; olderThanDays: number; now?: Date },
): Promise<SegmentStart | null> {
  const archived = await readArchivedPrefix(db, orgId);
  const fromSeq = archived.throughSeq + 1n;
  const cutoff = new Date(now.getTime() - olderThanDays * DAY_MS);
  const young = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND seq >= ${fromSeq} AND occurred_at >= ${cutoff}
     ORDER BY seq LIMIT 1`;
  const head = await readChainHead(db, orgId);
  const byAge = young[0] ? young[0].seq - 1n : head.seq;
  if (byAge < fromSeq) return null;
  const { checkpoint } = await checkpointNow(db, orgId);
  const bySigned = ((checkpoint?.size ?? 0n) / BigInt(TILE_WIDTH)) * BigInt(TILE_WIDTH);
  const throughSeq = byAge < bySigned ? byAge : bySigned;
  if (throughSeq < fromSeq) return null;
  return { orgId, fromSeq, throughSeq, firstPrevHash: archived.lastHash };
}
