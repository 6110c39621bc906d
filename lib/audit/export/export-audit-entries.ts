import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import type { TAuditEntryView } from "../audit-entry-view";
import { ENTRY_TEXT_COLUMNS, readChainHead, readEntryPage, type EntryTextRow } from "../read-entry-pages";
import type { ArchivedTrailReader } from "./archived-trail-reader";
import { countedStream, type CountedStream } from "./entry-stream";
import { ENTRY_ENCODERS, type AuditExportFormat } from "./export-formats";

export type AuditExport = CountedStream & { contentType: string; extension: string };

/** The org's head when the export starts: entries appended meanwhile wait for the next export. */
export async function chainHeadSeq(db: Db | Tx, orgId: string): Promise<bigint> {
  return (await readChainHead(db, orgId)).seq;
}

/**
 * A row in the view's shape, with the values entryViewOf gives it (without zod per row: the keys
 * are the view's, in its order): occurredAt to the microsecond, no target without a
 * target type, geo's three fields, metadata {} when absent. export-audit-entries.test.ts holds
 * the two to each other, and to ZAuditEntryView.
 */
function viewOf(orgId: string, row: EntryTextRow): TAuditEntryView {
  const geo =
    row[14] === null
      ? null
      : (JSON.parse(row[14]) as { country?: string | null; region?: string | null; city?: string | null } | null);
  return {
    id: row[1],
    orgId,
    seq: row[0],
    occurredAt: row[2],
    category: row[3],
    action: row[4],
    actor: { type: row[5], id: row[6], display: row[7] },
    target: row[8] === null ? null : { type: row[8], id: row[9], display: row[10] },
    outcome: row[11],
    ip: row[12],
    userAgent: row[13],
    geo: geo === null ? null : { country: geo.country ?? null, region: geo.region ?? null, city: geo.city ?? null },
    requestId: row[15],
    metadata: (JSON.parse(row[16]) as Record<string, unknown> | null) ?? {},
    contentHash: row[17],
    prevHash: row[18],
    hash: row[19],
  };
}

async function readViewPage(
  db: Db,
  orgId: string,
  where: Prisma.Sql,
  afterSeq: bigint,
  throughSeq: bigint,
  limit: number,
): Promise<TAuditEntryView[]> {
  return (
    await readEntryPage<EntryTextRow>(db, { orgId, columns: ENTRY_TEXT_COLUMNS, where, afterSeq, throughSeq, limit })
  ).map((row) => viewOf(orgId, row));
}

/**
 * The org's entries matching `where`, oldest first, `batchSize` at a time (keyset on seq). The next
 * page is read while the caller writes this one, so at most two pages are held.
 */
async function* readEntryBatches(
  db: Db,
  {
    orgId,
    where,
    batchSize,
    throughSeq: givenThroughSeq,
  }: { orgId: string; where: Prisma.Sql; batchSize: number; throughSeq?: bigint },
): AsyncGenerator<TAuditEntryView[]> {
  const throughSeq = givenThroughSeq ?? (await chainHeadSeq(db, orgId));
  let next: Promise<TAuditEntryView[]> | null =
    throughSeq > 0n ? readViewPage(db, orgId, where, 0n, throughSeq, batchSize) : null;
  try {
    while (next) {
      const entries: TAuditEntryView[] = await next;
      next = null;
      if (entries.length === 0) return;
      const lastSeq = BigInt(entries[entries.length - 1].seq);
      if (entries.length === batchSize && lastSeq < throughSeq)
        next = readViewPage(db, orgId, where, lastSeq, throughSeq, batchSize);
      yield entries;
    }
  } finally {
    // A reader that stops early leaves a page in flight: its outcome no longer matters.
    next?.catch(() => {});
  }
}

/**
 * Entries per page read. The next page is read while this one is written, so its rows live through
 * a page's worth of allocation; when PostgreSQL answers slowly (a busy machine) they arrive over all
 * of it and outlive two young-generation collections, and V8 promotes them: with 1,000 a page the
 * old generation filled and was collected every second or so, and peak RSS rose from 212 to 310-330
 * MB in a third of the runs on a machine kept busy. With 250 it stayed at 210-213 MB in every run,
 * at the same throughput.
 */
const EXPORT_BATCH_SIZE = 250;

/**
 * Streams an organization's entries (those matching `where`, a fragment from auditQueryWhere, when
 * given) in chain order, in one of the export formats, optionally gzipped. Given the archive store, the archived
 * entries come first (the segments not purged, oldest first, each checked against what the archive recorded as it
 * is read, matched by the same compiled search), then those in PostgreSQL: one trail. Memory stays one batch
 * whatever the trail's size. `done` tells the caller how many entries left, to audit the export.
 * Takes the client, not a transaction: the stream is read after the request's transaction is over.
 */
export function exportAuditEntries(
  db: Db,
  {
    orgId,
    where = Prisma.sql`TRUE`,
    format,
    gzip = false,
    onProgress,
    batchSize = EXPORT_BATCH_SIZE,
    throughSeq,
    archive,
  }: {
    orgId: string;
    where?: Prisma.Sql;
    /** The archive to read the archived prefix from; `matchAll` when `where` takes every entry (no search). */
    archive?: { reader: ArchivedTrailReader; matchAll: boolean };
    format: AuditExportFormat;
    gzip?: boolean;
    onProgress?: (count: number) => void;
    batchSize?: number;
    /** The last seq to export (default: the head when reading starts), to match a count taken earlier. */
    throughSeq?: bigint;
  },
): AuditExport {
  const encoder = ENTRY_ENCODERS[format];
  async function* pieces() {
    yield { text: encoder.begin(), entries: 0 };
    let written = 0;
    if (archive) {
      const selection = { orgId, where: archive.matchAll ? null : where, batchSize };
      for await (const entries of archive.reader.entryBatches(db, selection)) {
        yield { text: encoder.encode(entries, written), entries: entries.length };
        written += entries.length;
      }
    }
    for await (const entries of readEntryBatches(db, {
      orgId,
      where,
      batchSize,
      ...(throughSeq === undefined ? {} : { throughSeq }),
    })) {
      yield { text: encoder.encode(entries, written), entries: entries.length };
      written += entries.length;
    }
    yield { text: encoder.end(), entries: 0 };
  }
  return {
    ...countedStream(pieces(), { gzip, ...(onProgress ? { onProgress } : {}) }),
    contentType: gzip ? "application/gzip" : encoder.contentType,
    extension: gzip ? `${encoder.extension}.gz` : encoder.extension,
  };
}
