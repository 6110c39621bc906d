import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { lastCheckpoint, type StoredCheckpoint } from "../integrate/last-checkpoint";

/**
 * The organization's latest signed checkpoint, which bounds everything the log publishes: no tile, proof or
 * size beyond it is served (what has not been signed has not left Verity). 404 before the first is signed.
 */
export async function latestCheckpoint(tx: Tx, orgId: string): Promise<StoredCheckpoint> {
  const checkpoint = await lastCheckpoint(tx, orgId);
  if (!checkpoint) throw new AppError("not_found", "No checkpoint has been signed for this organization's log yet.");
  return checkpoint;
}

/** The latest checkpoint's size as a number (a tree of up to 2^53 entries: more than a log ever holds). */
export async function latestTreeSize(tx: Tx, orgId: string): Promise<number> {
  return Number((await latestCheckpoint(tx, orgId)).size);
}

/**
 * `size`, or the latest checkpoint's when not given; refused (400, on `field`) when it passes the latest
 * checkpoint, since nothing beyond it has been signed.
 */
export async function treeSizeWithinLatest(
  tx: Tx,
  orgId: string,
  size: number | undefined,
  field: string,
): Promise<number> {
  const latest = await latestTreeSize(tx, orgId);
  const chosen = size ?? latest;
  if (chosen > latest) {
    throw new AppError("invalid_input", `The latest checkpoint covers ${latest} entries.`, {
      [field]: [`At most ${latest}, the latest checkpoint's size.`],
    });
  }
  return chosen;
}
