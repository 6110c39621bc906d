/**
 * Walks the trail newest first (GET /api/v1/audit-events) down to entry `from`, keeping the entries the
 * checkpoint of `size` covers by seq, the oldest entry it does not cover yet (to tell a stale checkpoint),
 * and the cursors of the pages walked (for later samples).
 */
import { MonitorFailure } from "./monitor-failure";
import type { EntryPage, LogClient, MonitoredEntry } from "./log-client";

export type EntryWalk = {
  covered: Map<bigint, MonitoredEntry>;
  oldestUncovered: MonitoredEntry | null;
  cursors: string[];
};

export async function walkEntries(
  client: LogClient,
  { from, size, newest }: { from: bigint; size: bigint; newest?: Promise<EntryPage> },
): Promise<EntryWalk> {
  // The newest page, asked for with the checkpoint: read again when that checkpoint covers entries it did not hold.
  const newestPage = async (): Promise<EntryPage> => {
    const page = newest && (await newest);
    const holdsSize = page && (page.data.length === 0 ? size === 0n : BigInt(page.data[0].seq) >= size);
    return holdsSize ? page : client.entries(null);
  };
  const walk: EntryWalk = { covered: new Map(), oldestUncovered: null, cursors: [] };
  let expected: bigint | null = null;
  for (let cursor: string | null = null; ;) {
    const page: EntryPage = await (cursor === null ? newestPage() : client.entries(cursor));
    for (const entry of page.data) {
      const seq = BigInt(entry.seq);
      if (expected !== null && seq !== expected) {
        throw new MonitorFailure("missing entries", `the trail jumps from entry ${expected + 1n} to entry ${seq}`);
      }
      expected = seq - 1n;
      if (seq > size) walk.oldestUncovered = entry;
      else if (seq >= from) walk.covered.set(seq, entry);
    }
    if (expected !== null && expected < from) return walk;
    if (!page.nextCursor) {
      if (expected === null || expected === 0n) return walk;
      throw new MonitorFailure("missing entries", `the trail ends at entry ${expected + 1n}, not at entry 1`);
    }
    cursor = page.nextCursor;
    walk.cursors.push(cursor);
  }
}
