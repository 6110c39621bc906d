import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGzip } from "node:zlib";
import { BUNDLE_TYPE, BUNDLE_VERSION } from "@/lib/audit/export/audit-bundle-format";
import { bundleCheckpoint } from "@/lib/audit/export/bundle-checkpoint";
import { bundleLineOf } from "@/lib/audit/export/export-audit-bundle";
import { ENTRY_TEXT_COLUMNS, readEntryPage, type EntryTextRow } from "@/lib/audit/read-entry-pages";
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

type Written = {
  count: number;
  first: { seq: number; occurredAt: string };
  last: { seq: number; occurredAt: string; hash: string };
  /** The earliest and latest occurredAt of the segment's entries (chain order may differ from time order). */
  minOccurredAt: string;
  maxOccurredAt: string;
  sha256: string;
  bytes: number;
};

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
    /** The objects' lock (retention end), from the latest occurredAt of its entries; null: no lock. */
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
      minOccurredAt: written.minOccurredAt,
      maxOccurredAt: written.maxOccurredAt,
      object: { key: entriesKey(name), sha256: written.sha256, bytes: written.bytes },
      checkpoint,
      archivedAt: new Date().toISOString(),
    };
    const retainUntil = retainUntilOf(written.maxOccurredAt);
    await store.putFile(manifest.object.key, file, { retainUntil });
    // The manifest last: a manifest in the store always names an object that was fully written before it.
    await store.putText(manifestKey(name), `${JSON.stringify(manifest, null, 2)}\n`, { retainUntil });
    return manifest;
  } finally {
    await rm(file, { force: true });
  }
}

const monthOf = (occurredAt: string) => occurredAt.slice(0, 7);

/** Rows a page reads; the next page is asked for while this one is written. */
const PAGE_ROWS = 4_000;

/**
 * The entries from `fromSeq` through `throughSeq` as text rows, a keyset page at a time, the next page's query
 * running while the caller works on the current one.
 */
async function* prefetchedPages(
  db: Db,
  orgId: string,
  fromSeq: bigint,
  throughSeq: bigint,
): AsyncGenerator<EntryTextRow[]> {
  const page = (afterSeq: bigint) =>
    readEntryPage<EntryTextRow>(db, { orgId, columns: ENTRY_TEXT_COLUMNS, afterSeq, throughSeq, limit: PAGE_ROWS });
  let next: Promise<EntryTextRow[]> | null = page(fromSeq - 1n);
  while (next) {
    const rows: EntryTextRow[] = await next;
    next = rows.length === PAGE_ROWS ? page(BigInt(rows[rows.length - 1][0])) : null;
    // A caller that stops early leaves the prefetched page unread; its failure is not theirs.
    next?.catch(() => {});
    if (rows.length > 0) yield rows;
  }
}

/**
 * Streams the segment's lines (bundleLineOf: the bundle's bytes, written once from the rows' text, never
 * re-canonicalized; the read-back check recomputes every hash) through gzip at level 1 (the fastest: entries are
 * mostly hex hashes, which a higher level barely shrinks) into `file`, hashing the stored bytes as they go.
 */
async function writeEntriesFile(db: Db, start: SegmentStart, maxEntries: number, file: string): Promise<Written> {
  let count = 0;
  let first: EntryTextRow | undefined;
  let last: EntryTextRow | undefined;
  let minOccurredAt = "";
  let maxOccurredAt = "";
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const rows of prefetchedPages(db, start.orgId, start.fromSeq, start.throughSeq)) {
      let text = "";
      let stopped = false;
      for (const row of rows) {
        const occurredAt = row[2];
        if (first && (count >= maxEntries || monthOf(occurredAt) !== monthOf(first[2]))) {
          stopped = true;
          break;
        }
        if (Number(row[0]) !== Number(start.fromSeq) + count)
          throw new Error(`entry ${Number(start.fromSeq) + count} is missing`);
        first ??= row;
        last = row;
        // Fixed-width UTC text (ENTRY_TEXT_COLUMNS), so text order is time order.
        if (minOccurredAt === "" || occurredAt < minOccurredAt) minOccurredAt = occurredAt;
        if (occurredAt > maxOccurredAt) maxOccurredAt = occurredAt;
        count++;
        text += `${bundleLineOf(start.orgId, row)}\n`;
      }
      if (text !== "") yield Buffer.from(text, "utf8");
      if (stopped) return;
    }
  }
  const { tap, stored } = hashingTap();
  await pipeline(Readable.from(chunks()), createGzip({ level: constants.Z_BEST_SPEED }), tap, createWriteStream(file));
  if (!first || !last) throw new Error(`there are no entries from seq ${start.fromSeq} to archive`);
  return {
    count,
    first: { seq: Number(first[0]), occurredAt: first[2] },
    last: { seq: Number(last[0]), occurredAt: last[2], hash: last[19] },
    minOccurredAt,
    maxOccurredAt,
    ...stored(),
  };
}
