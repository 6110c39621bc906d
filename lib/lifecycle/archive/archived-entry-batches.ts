import "server-only";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ArchiveStore } from "./archive-store";
import { archivedEntryLines, archivedEntryView, type ArchivedSegment } from "./archived-segments";
import { matchArchivedEntries } from "./match-archived-entries";

/** Which archived entries an export or a search takes: all of them (`where` null), or those a compiled search matches. */
export type ArchivedSelection = { where: Prisma.Sql | null };

/**
 * The entries of the given segments that the selection takes, oldest first, at most `batchSize` read per batch
 * (an empty batch is not yielded). Each segment is checked against what the archive recorded as it is read; one
 * missing or altered throws ArchivedSegmentUnreadable, named. Purged segments are the caller's to leave out.
 */
export async function* archivedEntryBatches(
  db: Db | Tx,
  store: ArchiveStore,
  segments: ArchivedSegment[],
  { where, batchSize = 500 }: ArchivedSelection & { batchSize?: number },
): AsyncGenerator<TAuditEntryView[]> {
  const take = async (views: TAuditEntryView[]) => (where ? matchArchivedEntries(db, views, where) : views);
  for (const segment of segments) {
    let read: TAuditEntryView[] = [];
    for await (const { entry } of archivedEntryLines(store, segment)) {
      read.push(archivedEntryView(entry));
      if (read.length < batchSize) continue;
      const taken = await take(read);
      read = [];
      if (taken.length) yield taken;
    }
    const taken = read.length ? await take(read) : [];
    if (taken.length) yield taken;
  }
}

/** How many entries of the segments the selection takes (read and matched: the count an export announces). */
export async function countArchivedEntries(
  db: Db | Tx,
  store: ArchiveStore,
  segments: ArchivedSegment[],
  selection: ArchivedSelection,
): Promise<number> {
  if (!selection.where) return segments.reduce((sum, segment) => sum + Number(segment.toSeq - segment.fromSeq + 1n), 0);
  let count = 0;
  for await (const batch of archivedEntryBatches(db, store, segments, selection)) count += batch.length;
  return count;
}
