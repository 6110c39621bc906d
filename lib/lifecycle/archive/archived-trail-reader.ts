import "server-only";
import type { ArchivedTrailReader } from "@/lib/audit/export/archived-trail-reader";
import type { ArchiveStore } from "./archive-store";
import { archivedHashBefore, archivedLineBatches, firstKeptSeq, refusePurgedRange } from "./archived-bundle";
import { archivedEntryBatches, countArchivedEntries } from "./archived-entry-batches";
import { archivedSegments } from "./archived-segments";
import { openArchiveStore } from "./open-archive-store";

const keptSegments = async (...args: Parameters<typeof archivedSegments>) =>
  (await archivedSegments(...args)).filter((segment) => !segment.purgedAt);

/** The archived part of the trail, read from `store`, for exports and bundles (lib/audit/export). */
export function archivedTrailReader(store: ArchiveStore): ArchivedTrailReader {
  return {
    firstKeptSeq,
    hashBefore: (db, orgId, fromSeq) => archivedHashBefore(db, store, orgId, fromSeq),
    refusePurgedRange,
    lineBatches: (db, range) => archivedLineBatches(db, store, range),
    async *entryBatches(db, { orgId, where, batchSize }) {
      // The segments are listed when reading starts: one archived since the export was planned is in the list.
      yield* archivedEntryBatches(db, store, await keptSegments(db, orgId), { where, batchSize });
    },
    count: async (db, { orgId, where }) => countArchivedEntries(db, store, await keptSegments(db, orgId), { where }),
  };
}

/** The reader over the archive store the environment configures (archive-settings.ts). */
export async function openArchivedTrailReader(): Promise<ArchivedTrailReader> {
  return archivedTrailReader(await openArchiveStore());
}
