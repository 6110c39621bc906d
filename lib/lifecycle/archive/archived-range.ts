import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { ArchivedRangeView } from "./archived-range-view";

/**
 * The organization's archived prefix as the audit trail screen names it (from the recorded segments, which the
 * database keeps contiguous from seq 1), or null when nothing is archived.
 */
export async function archivedRangeView(db: Db | Tx, orgId: string): Promise<ArchivedRangeView | null> {
  const [archived] = await db.$queryRaw<{ through_seq: bigint | null; last_at: Date | null; segments: bigint }[]>`
    SELECT max(to_seq) AS through_seq, max(coalesce(max_occurred_at, last_occurred_at)) AS last_at, count(*) AS segments
      FROM audit_archive_segments WHERE org_id = ${orgId}::uuid`;
  if (!archived?.through_seq || !archived.last_at) return null;
  const [firstHot] = await db.$queryRaw<{ occurred_at: Date }[]>`
    SELECT occurred_at FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND seq > ${archived.through_seq} ORDER BY seq LIMIT 1`;
  return {
    throughSeq: archived.through_seq.toString(),
    lastArchivedAt: archived.last_at.toISOString(),
    segments: Number(archived.segments),
    firstHotAt: firstHot?.occurred_at.toISOString() ?? null,
  };
}
