import "server-only";
import { Prisma, type Db, type Tx } from "@/lib/db";
import type { AuditEntry } from "@/lib/db/generated/client";
import { entryViewOf, type TAuditEntryView } from "../list-audit-entries";
import { AUDIT_ENTRY_COLUMNS } from "../search/search-audit-entries";
import { countedStream, type CountedStream } from "./entry-stream";
import { ENTRY_ENCODERS, type AuditExportFormat } from "./export-formats";

export type AuditExport = CountedStream & { contentType: string; extension: string };

/** The org's head when the export starts: entries appended meanwhile wait for the next export. */
export async function chainHeadSeq(db: Db | Tx, orgId: string): Promise<bigint> {
  const [head] = await db.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM audit_chain_heads WHERE org_id = ${orgId}::uuid`;
  return head?.seq ?? 0n;
}

/** The org's entries matching `where`, oldest first, `batchSize` at a time (keyset on seq). */
async function* readEntryBatches(
  db: Db,
  { orgId, where, batchSize, throughSeq: givenThroughSeq }: { orgId: string; where: Prisma.Sql; batchSize: number; throughSeq?: bigint },
): AsyncGenerator<TAuditEntryView[]> {
  const throughSeq = givenThroughSeq ?? (await chainHeadSeq(db, orgId));
  let afterSeq = 0n;
  while (afterSeq < throughSeq) {
    const rows = await db.$queryRaw<AuditEntry[]>`
      SELECT ${AUDIT_ENTRY_COLUMNS}
        FROM audit_entries
       WHERE org_id = ${orgId}::uuid AND seq > ${afterSeq} AND seq <= ${throughSeq} AND ${where}
       ORDER BY seq
       LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows.map(entryViewOf);
    if (rows.length < batchSize) return;
    afterSeq = rows[rows.length - 1].seq;
  }
}

/**
 * Streams an organization's entries (those matching `where`, a fragment from auditQueryWhere, when
 * given) in chain order, in one of the export formats, optionally gzipped. Memory stays one batch
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
    batchSize = 2000,
    throughSeq,
  }: {
    orgId: string;
    where?: Prisma.Sql;
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
    for await (const entries of readEntryBatches(db, { orgId, where, batchSize, ...(throughSeq === undefined ? {} : { throughSeq }) })) {
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
