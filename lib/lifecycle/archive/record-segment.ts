import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import type { TSegmentManifest } from "./segment-format";

/**
 * Records a verified segment and removes its entries from PostgreSQL, in one transaction with the
 * `audit.archived` entry that says so. The removal goes through verity_prune_archived_segment (the migration
 * 20261206203601_audit_archive_segments): the application's role has no DELETE on audit_entries, and the
 * database lets entries go only as whole recorded segments at the start of the chain. Returns the entries
 * removed.
 */
export async function recordSegment(db: Db, manifest: TSegmentManifest, { store }: { store: string }): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
        INSERT INTO audit_archive_segments (org_id, from_seq, to_seq, first_prev_hash, last_hash, object_key, object_sha256,
                                            object_bytes, checkpoint_size, first_occurred_at, last_occurred_at,
                                            min_occurred_at, max_occurred_at)
        VALUES (${manifest.orgId}::uuid, ${manifest.fromSeq}, ${manifest.toSeq}, ${manifest.firstPrevHash}, ${manifest.lastHash},
                ${manifest.object.key}, ${manifest.object.sha256}, ${manifest.object.bytes}, ${manifest.checkpoint.size},
                ${manifest.firstOccurredAt}::timestamptz, ${manifest.lastOccurredAt}::timestamptz,
                ${manifest.minOccurredAt ?? manifest.firstOccurredAt}::timestamptz,
                ${manifest.maxOccurredAt ?? manifest.lastOccurredAt}::timestamptz)`;
    const [{ removed }] = await tx.$queryRaw<{ removed: bigint }[]>`
      SELECT verity_prune_archived_segment(${manifest.orgId}::uuid, ${manifest.fromSeq}::bigint) AS removed`;
    await appendAuditEntry(tx, {
      orgId: manifest.orgId,
      action: "audit.archived",
      actor: SYSTEM_ACTOR,
      target: {
        type: "archive_segment",
        id: manifest.object.key,
        display: `entries ${manifest.fromSeq}..${manifest.toSeq}`,
      },
      metadata: {
        fromSeq: String(manifest.fromSeq),
        toSeq: String(manifest.toSeq),
        count: manifest.count,
        objectKey: manifest.object.key,
        objectSha256: manifest.object.sha256,
        checkpointSize: String(manifest.checkpoint.size),
        store,
      },
    });
    return Number(removed);
  });
}
