import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { lastCheckpoint } from "../integrate/last-checkpoint";
import type { LatestCheckpointView } from "./checkpoint-view";
import { cosignedNote } from "./cosigned-note";

/** The organization's latest signed checkpoint as the audit trail screen shows it, or null before the first. */
export async function latestCheckpointView(db: Db | Tx, orgId: string): Promise<LatestCheckpointView | null> {
  const checkpoint = await lastCheckpoint(db, orgId);
  if (!checkpoint) return null;
  return {
    size: checkpoint.size.toString(),
    rootHash: Buffer.from(checkpoint.rootHash, "hex").toString("base64"),
    keyId: checkpoint.keyId,
    signedAt: checkpoint.createdAt.toISOString(),
    note: await cosignedNote(db, orgId, checkpoint),
  };
}
