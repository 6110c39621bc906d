import "server-only";
import { GENESIS_HASH } from "@/lib/audit/entry-content";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { ArchiveStore } from "./archive-store";
import { archivedEntryLines, archivedSegments, type ArchivedSegment } from "./archived-segments";

/** A bundle or export reaching into a purged range is refused: those entries are gone at the end of retention. */
function refusePurged(segment: ArchivedSegment | undefined): void {
  if (!segment?.purgedAt) return;
  throw new AppError(
    "conflict",
    `Entries ${segment.fromSeq}..${segment.toSeq} were purged from the archive at the end of retention ` +
      `(${segment.purgedAt.toISOString()}): a bundle cannot include them.`,
  );
}

/**
 * Where a whole-trail bundle starts by default: entry 1, or the entry after the last segment purged at the end of
 * retention (the log stays verifiable from there: the bundle links to that segment's recorded last hash).
 */
export async function firstKeptSeq(db: Db | Tx, orgId: string): Promise<bigint> {
  const purged = (await archivedSegments(db, orgId)).filter((segment) => segment.purgedAt);
  return purged.length ? purged.at(-1)!.toSeq + 1n : 1n;
}

/**
 * The chain hash of entry fromSeq − 1 when it lies in the archive (the genesis hash before entry 1): a segment's
 * recorded last hash, or read back from the segment that holds it. Refuses a range that starts in a purged segment.
 */
export async function archivedHashBefore(db: Db | Tx, store: ArchiveStore, orgId: string, fromSeq: bigint) {
  if (fromSeq === 1n) return GENESIS_HASH;
  const [holding] = await archivedSegments(db, orgId, { fromSeq: fromSeq - 1n, toSeq: fromSeq });
  refusePurged((await archivedSegments(db, orgId, { fromSeq, toSeq: fromSeq }))[0]);
  if (!holding) return null;
  if (holding.toSeq === fromSeq - 1n) return holding.lastHash;
  // Read to the end, not returned from at the entry: the segment is checked against its record only there.
  let hash: string | null = null;
  for await (const { entry } of archivedEntryLines(store, holding, { fromSeq: fromSeq - 1n, toSeq: fromSeq - 1n }))
    hash = entry.hash;
  return hash;
}

/** Refuses a range fromSeq..toSeq that reaches into a purged segment. */
export async function refusePurgedRange(db: Db | Tx, orgId: string, fromSeq: bigint, toSeq: bigint): Promise<void> {
  for (const segment of await archivedSegments(db, orgId, { fromSeq, toSeq })) refusePurged(segment);
}

/**
 * The archived entry lines of fromSeq..toSeq as they are in the segments (exactly a bundle's entry lines), in
 * batches of `batchSize`; each segment is checked against what the archive recorded as it is read
 * (archivedEntryLines), and one missing or altered throws ArchivedSegmentUnreadable, named.
 */
export async function* archivedLineBatches(
  db: Db,
  store: ArchiveStore,
  { orgId, fromSeq, toSeq, batchSize }: { orgId: string; fromSeq: bigint; toSeq: bigint; batchSize: number },
): AsyncGenerator<string[]> {
  let batch: string[] = [];
  for (const segment of await archivedSegments(db, orgId, { fromSeq, toSeq })) {
    for await (const { line } of archivedEntryLines(store, segment, { fromSeq, toSeq })) {
      batch.push(line);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
