import "server-only";
import type { Db } from "@/lib/db/client";
import { OPERATIONAL_RETENTION } from "./operational-retention";

export type PurgeCounts = Record<string, number>;

export type PurgeOptions = {
  now?: Date;
  /** Rows one DELETE removes at most: each batch is its own short statement, never one huge delete. */
  batchSize?: number;
  /** Batches per kind per run; what is left waits for the next run, so one run never monopolizes the database. */
  maxBatches?: number;
  signal?: AbortSignal;
};

/**
 * Deletes the operational rows past their retention (OPERATIONAL_RETENTION), kind by kind, in bounded batches,
 * and says how many of each went. Not recorded in the audit trail (the worker logs the counts): these rows are
 * not evidence, and an entry per sweep would only grow the chain. Safe in several workers at once (SKIP LOCKED).
 */
export async function purgeOperationalData(
  db: Db,
  { now = new Date(), batchSize = 1000, maxBatches = 100, signal }: PurgeOptions = {},
): Promise<PurgeCounts> {
  const counts: PurgeCounts = {};
  for (const { kind, batch } of OPERATIONAL_RETENTION) {
    counts[kind] = 0;
    for (let round = 0; round < maxBatches && !signal?.aborted; round++) {
      const deleted = (await db.$queryRaw<unknown[]>(batch(now, batchSize))).length;
      counts[kind] += deleted;
      if (deleted < batchSize) break;
    }
  }
  return counts;
}

/** The worker's log line: "sessions 3, sign-in challenges 0, …". */
export function describePurge(counts: PurgeCounts): string {
  return Object.entries(counts)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
}
