import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { BUNDLE_TYPE, BUNDLE_VERSION, type TBundleEntry } from "@/lib/audit/export/audit-bundle-format";
import { bundleCheckpoint } from "@/lib/audit/export/bundle-checkpoint";
import { readChainBatches } from "@/lib/audit/export/export-audit-bundle";
import type { Db } from "@/lib/db/client";
import { hashingTap } from "./hashing-tap";
import type { ArchiveStore } from "./archive-store";
import {
  entriesKey,
  manifestKey,
  SEGMENT_TYPE,
  SEGMENT_VERSION,
  segmentName,
  type TSegmentManifest,
} from "./segment-format";

/** Entries a segment holds at most; a segment also closes at the end of a calendar month (UTC). */
export const MAX_SEGMENT_ENTRIES = 100_000;

export type SegmentStart = { orgId: string; fromSeq: bigint; throughSeq: bigint; firstPrevHash: string };

type Written = { count: number; last: TBundleEntry; first: TBundleEntry; sha256: string; bytes: number };

/**
 * Writes the next segment of an organization's chain: entries from `fromSeq`, at most through `throughSeq`,
 * closed at `maxEntries` or where the month of occurredAt changes, as gzip NDJSON (bundle lines) and then its
 * manifest. Streamed: entries are read a page at a time into a temporary file (hashed as it is written), which
 * the store then reads from disk, so memory stays one page whatever the segment's size.
 */
export async function writeSegment(
  db: Db,
  store: ArchiveStore,
  start: SegmentStart,
  {
    maxEntries = MAX_SEGMENT_ENTRIES,
    retainUntilOf = () => null,
  }: {
    maxEntries?: number;
    /** The objects' lock (retention end), from the newest entry's occurredAt; null: no lock. */
    retainUntilOf?: (lastOccurredAt: string) => Date | null;
  } = {},
): Promise<TSegmentManifest> {
  const file = path.join(tmpdir(), `verity-segment-${randomBytes(8).toString("hex")}.ndjson.gz`);
  try {
    const written = await writeEntriesFile(db, start, maxEntries, file);
    const fromSeq = written.first.seq;
    const toSeq = written.last.seq;
    const checkpoint = await bundleCheckpoint(db, {
      type: BUNDLE_TYPE,
      version: BUNDLE_VERSION,
      orgId: start.orgId,
      fromSeq,
      toSeq,
      prevHash: start.firstPrevHash,
      count: written.count,
    });
    if (!checkpoint) throw new Error(`no signed checkpoint covers entry ${toSeq}: the segment cannot be archived yet`);
    const name = segmentName(start.orgId, fromSeq, toSeq);
    const manifest: TSegmentManifest = {
      type: SEGMENT_TYPE,
      version: SEGMENT_VERSION,
      orgId: start.orgId,
      fromSeq,
      toSeq,
      count: written.count,
      firstPrevHash: start.firstPrevHash,
      lastHash: written.last.hash,
      firstOccurredAt: written.first.occurredAt,
      lastOccurredAt: written.last.occurredAt,
      object: { key: entriesKey(name), sha256: written.sha256, bytes: written.bytes },
      checkpoint,
      archivedAt: new Date().toISOString(),
    };
    const retainUntil = retainUntilOf(manifest.lastOccurredAt);
    await store.putFile(manifest.object.key, file, { retainUntil });
    // The manifest last: a manifest in the store always names an object that was fully written before it.
    await store.putText(manifestKey(name), `${JSON.stringify(manifest, null, 2)}\n`, { retainUntil });
    return manifest;
  } finally {
    await rm(file, { force: true });
  }
}

const monthOf = (occurredAt: string) => occurredAt.slice(0, 7);

async function writeEntriesFile(db: Db, start: SegmentStart, maxEntries: number, file: string): Promise<Written> {
  let count = 0;
  let first: TBundleEntry | undefined;
  let last: TBundleEntry | undefined;
  async function* lines(): AsyncGenerator<string> {
    for await (const batch of readChainBatches(db, start.orgId, start.fromSeq, start.throughSeq, 2_000)) {
      let text = "";
      for (const entry of batch) {
        if (first && (count >= maxEntries || monthOf(entry.occurredAt) !== monthOf(first.occurredAt))) break;
        if (entry.seq !== Number(start.fromSeq) + count)
          throw new Error(`entry ${Number(start.fromSeq) + count} is missing`);
        first ??= entry;
        last = entry;
        count++;
        text += `${JSON.stringify(entry)}\n`;
      }
      if (text !== "") yield text;
      if (last !== batch.at(-1)) return;
    }
  }
  const { tap, stored } = hashingTap();
  await pipeline(Readable.from(lines()), createGzip(), tap, createWriteStream(file));
  if (!first || !last) throw new Error(`there are no entries from seq ${start.fromSeq} to archive`);
  return { count, first, last, ...stored() };
}
