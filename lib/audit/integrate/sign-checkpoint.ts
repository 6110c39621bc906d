import "server-only";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { checkpointOrigin, formatCheckpoint } from "../checkpoints/checkpoint-text";
import { signNote, type NoteSigner } from "../checkpoints/signed-note";
import { enqueueCheckpointWebhooks } from "../published/checkpoint-webhooks";

/**
 * Signs and stores the organization's checkpoint at `size`: the C2SP tlog-checkpoint text (origin
 * `<log origin>/orgs/<org id>`, size, base64 root) in a signed note by `signer` (the log's current key), with the
 * chain hash of entry `size` beside it for the next integration to link from, and its audit.checkpoint
 * webhooks queued in the same transaction.
 */
export async function signCheckpoint(
  tx: Tx,
  orgId: string,
  signer: NoteSigner,
  { size, rootHash, chainHash }: { size: bigint; rootHash: Buffer; chainHash: string },
): Promise<{ note: string; keyId: string }> {
  const origin = checkpointOrigin(orgId);
  const note = signNote(formatCheckpoint({ origin, size, rootHash }), [signer]);
  const stored = Prisma.sql`
    INSERT INTO audit_checkpoints (org_id, size, root_hash, chain_hash, note, key_id)
    VALUES (${orgId}::uuid, ${size}, ${rootHash.toString("hex")}, ${chainHash}, ${note}, ${signer.keyId})`;
  await enqueueCheckpointWebhooks(tx, orgId, { origin, size, rootHash, keyId: signer.keyId, note }, { stored });
  return { note, keyId: signer.keyId };
}
