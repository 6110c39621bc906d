import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { RecordingDeps } from "./recording-deps";

/**
 * Deletes every recording of one source, with their objects in storage, as one recordings.deleted entry with the
 * count (recordings.manage). An active legal hold over the organization, over the recordings' dates, or over entries
 * about them blocks it (409 naming the hold). A source with no recordings deletes nothing (count 0, still recorded).
 */
export async function deleteRecordingsBySource(
  tx: Tx,
  ctx: OrgContext,
  input: { source: string },
  deps: RecordingDeps = {},
): Promise<{ source: string; count: number }> {
  void tx;
  void ctx;
  void input;
  void deps;
  throw new Error("deleteRecordingsBySource: not implemented yet");
}
