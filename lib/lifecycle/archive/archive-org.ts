import "server-only";
import { logVerifiers } from "@/lib/audit/integrate/log-verifiers";
import type { NoteVerifier } from "@/lib/audit/checkpoints/signed-note";
import type { Db } from "@/lib/db/client";
import { retentionPolicyOf } from "../retention-policy";
import type { ArchiveStore } from "./archive-store";
import { readManifest } from "./read-manifest";
import { planArchive } from "./plan-archive";
import { recordSegment } from "./record-segment";
import { rangeOfManifestKey, segmentsFromPrefix, type TSegmentManifest } from "./segment-format";
import { verifySegment } from "./verify-segment";
import { MAX_SEGMENT_ENTRIES, writeSegment, type SegmentStart } from "./write-segment";

export type ArchivedSegment = { fromSeq: number; toSeq: number; count: number; key: string; resumed: boolean };

const DAY_MS = 86_400_000;

/**
 * A segment of this range a run wrote before it died (between writing and recording): reused when it is
 * whole and verifies, so the resumed run records the same range instead of writing another.
 */
async function writtenBefore(
  store: ArchiveStore,
  start: SegmentStart,
  verifiers: NoteVerifier[],
): Promise<TSegmentManifest | null> {
  for (const key of (await store.list(segmentsFromPrefix(start.orgId, start.fromSeq))).reverse()) {
    const range = rangeOfManifestKey(key);
    if (!range || BigInt(range.toSeq) > start.throughSeq) continue;
    const read = await readManifest(store, key);
    if (!("manifest" in read) || read.manifest.firstPrevHash !== start.firstPrevHash) continue;
    if ((await verifySegment(store, read.manifest, verifiers)).ok) return read.manifest;
  }
  return null;
}

/**
 * Archives what is due of one organization's chain (planArchive), segment by segment: writes it (or takes the
 * one a crashed run wrote), reads it back from the store and verifies it against the signed checkpoint, and
 * only then records it and removes its entries from PostgreSQL (recordSegment). A failed check stops the run
 * with nothing removed. `olderThanDays` overrides the organization's hot window for this run.
 */
export async function archiveOrg(
  db: Db,
  store: ArchiveStore,
  {
    orgId,
    olderThanDays,
    maxEntries = MAX_SEGMENT_ENTRIES,
    now = new Date(),
  }: { orgId: string; olderThanDays?: number; maxEntries?: number; now?: Date },
): Promise<ArchivedSegment[]> {
  const policy = await retentionPolicyOf(db, orgId);
  const days = olderThanDays ?? policy.hotWindowDays;
  const retention = policy.retentionDays;
  const retainUntilOf = (lastOccurredAt: string) =>
    retention === null ? null : new Date(Date.parse(lastOccurredAt) + retention * DAY_MS);
  const archived: ArchivedSegment[] = [];
  for (let start = await planArchive(db, { orgId, olderThanDays: days, now }); start;) {
    const verifiers = logVerifiers();
    const earlier = await writtenBefore(store, start, verifiers);
    let manifest = earlier;
    if (!manifest) {
      manifest = await writeSegment(db, store, start, { maxEntries, retainUntilOf });
      const check = await verifySegment(store, manifest, verifiers);
      if (!check.ok) throw new Error(`segment ${manifest.object.key} failed its read-back check: ${check.reason}`);
    }
    await recordSegment(db, manifest, { store: store.description });
    archived.push({
      fromSeq: manifest.fromSeq,
      toSeq: manifest.toSeq,
      count: manifest.count,
      key: manifest.object.key,
      resumed: earlier !== null,
    });
    start = await planArchive(db, { orgId, olderThanDays: days, now });
  }
  return archived;
}
