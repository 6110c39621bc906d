import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export const CHECKPOINT_EVENT = "audit.checkpoint";

export type CheckpointEvent = { origin: string; size: bigint; rootHash: Buffer; keyId: string; note: string };

/**
 * Queues an `audit.checkpoint` webhook, carrying the signed note, to every enabled endpoint of the
 * organization that takes it (no filter, the audit category, the action, or a prefix of it such as audit.*),
 * in the transaction that stores the checkpoint: it is sent if and only if the checkpoint commits. A
 * checkpoint is not an audit entry (it covers entries; it is not one), so the delivery carries its body in
 * `payload`, built here from what is committed, like webhook.test, instead of pointing at an entry.
 * `stored`: the statement that stores the checkpoint, run as part of this one (a checkpoint's fixed cost is mostly
 * its round trips).
 */
export async function enqueueCheckpointWebhooks(
  tx: Tx,
  orgId: string,
  checkpoint: CheckpointEvent,
  { stored }: { stored: Prisma.Sql },
): Promise<number> {
  const body = JSON.stringify({
    type: CHECKPOINT_EVENT,
    timestamp: new Date().toISOString(),
    data: {
      origin: checkpoint.origin,
      treeSize: checkpoint.size.toString(),
      rootHash: checkpoint.rootHash.toString("base64"),
      keyId: checkpoint.keyId,
      note: checkpoint.note,
    },
  });
  return tx.$executeRaw`
    WITH stored AS (${stored})
    INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_type, payload, status, next_attempt_at, created_at)
    SELECT gen_random_uuid(), e.org_id, e.id, ${CHECKPOINT_EVENT}, ${body}::jsonb, 'pending', now(), now()
      FROM webhook_endpoints e
     WHERE e.org_id = ${orgId}::uuid AND e.enabled AND e.deleted_at IS NULL
       AND ((cardinality(e.categories) = 0 AND cardinality(e.actions) = 0)
            OR 'audit' = ANY (e.categories)
            OR ${CHECKPOINT_EVENT} = ANY (e.actions)
            OR EXISTS (SELECT 1 FROM unnest(e.actions) AS pattern
                        WHERE right(pattern, 1) = '*' AND starts_with(${CHECKPOINT_EVENT}, left(pattern, -1))))`;
}
