import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { readArchivedPrefix } from "../archived-prefix";
import { type EntryContent } from "../entry-content";
import { ENTRY_TEXT_COLUMNS, readEntryPage, type EntryTextRow } from "../read-entry-pages";
import { bundleCheckpoint } from "./bundle-checkpoint";
import type { ArchivedTrailReader } from "./archived-trail-reader";
import { BUNDLE_TYPE, BUNDLE_VERSION, type TBundleEntry, type TBundleHeader } from "./audit-bundle-format";
import { countedStream } from "./entry-stream";
import { chainHeadSeq, type AuditExport } from "./export-audit-entries";

/** A stored row as a bundle line: position first, then the content exactly as it was hashed. */
export function bundleEntryOf(orgId: string, row: EntryTextRow): TBundleEntry {
  return {
    seq: Number(row[0]),
    prevHash: row[18],
    hash: row[19],
    contentHash: row[17],
    id: row[1],
    orgId,
    occurredAt: row[2],
    category: row[3],
    action: row[4],
    actor: { type: row[5] as EntryContent["actor"]["type"], id: row[6], display: row[7] },
    target: row[8] === null ? null : { type: row[8], id: row[9], display: row[10] },
    outcome: row[11] as EntryContent["outcome"],
    ip: row[12],
    userAgent: row[13],
    geo: row[14] === null ? null : (JSON.parse(row[14]) as EntryContent["geo"]),
    requestId: row[15],
    metadata: JSON.parse(row[16]) as Record<string, unknown>,
  };
}

const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
const json = (value: string | null) => (value === null ? "null" : JSON.stringify(JSON.parse(value)));

/**
 * `JSON.stringify(bundleEntryOf(orgId, row))`, byte for byte, written straight from the row's text: the archive
 * writes every entry of a segment this way. Geo and metadata go through JSON.parse and JSON.stringify, as in the
 * entry, which also turns PostgreSQL's jsonb text (spaces after colons and commas) into the bundle's compact form.
 */
export function bundleLineOf(orgId: string, row: EntryTextRow): string {
  const target = row[8] === null ? "null" : `{"type":${text(row[8])},"id":${text(row[9])},"display":${text(row[10])}}`;
  return (
    `{"seq":${Number(row[0])},"prevHash":${text(row[18])},"hash":${text(row[19])},"contentHash":${text(row[17])}` +
    `,"id":${text(row[1])},"orgId":${text(orgId)},"occurredAt":${text(row[2])},"category":${text(row[3])}` +
    `,"action":${text(row[4])},"actor":{"type":${text(row[5])},"id":${text(row[6])},"display":${text(row[7])}}` +
    `,"target":${target},"outcome":${text(row[11])},"ip":${text(row[12])},"userAgent":${text(row[13])}` +
    `,"geo":${json(row[14])},"requestId":${text(row[15])},"metadata":${json(row[16])}}`
  );
}

/** The entries fromSeq..toSeq as bundle lines, `batchSize` per page (the archive writes its segments with it too). */
export async function* readChainBatches(
  db: Db,
  orgId: string,
  fromSeq: bigint,
  toSeq: bigint,
  batchSize: number,
): AsyncGenerator<TBundleEntry[]> {
  let afterSeq = fromSeq - 1n;
  while (afterSeq < toSeq) {
    const rows = await readEntryPage<EntryTextRow>(db, {
      orgId,
      columns: ENTRY_TEXT_COLUMNS,
      afterSeq,
      throughSeq: toSeq,
      limit: batchSize,
    });
    if (rows.length === 0) return;
    yield rows.map((row) => bundleEntryOf(orgId, row));
    if (rows.length < batchSize) return;
    afterSeq = BigInt(rows[rows.length - 1][0]);
  }
}

/**
 * The header of a bundle of an organization's entries fromSeq..toSeq: checks the range and finds the hash the
 * bundle links to. Given the archive store, the range may reach into the archived prefix (default: the whole trail,
 * from entry 1 or the first entry after a segment purged at the end of retention), and the bundle is one chain
 * across archive and database; without it, the default starts after the archived prefix and a range that starts
 * in the archive is refused, naming `verity archive restore`. Works in a transaction, so a route can refuse a bad
 * range before it answers; streamAuditBundle then reads the entries.
 */
export async function planAuditBundle(
  db: Db | Tx,
  {
    orgId,
    fromSeq: askedFrom,
    toSeq,
    archive,
  }: { orgId: string; fromSeq?: bigint; toSeq?: bigint; archive?: ArchivedTrailReader },
): Promise<TBundleHeader> {
  const headSeq = await chainHeadSeq(db, orgId);
  const archived = await readArchivedPrefix(db, orgId);
  const fromSeq =
    askedFrom ??
    (archive && archived.throughSeq > 0n ? await archive.firstKeptSeq(db, orgId) : archived.throughSeq + 1n);
  const lastSeq = toSeq === undefined || toSeq > headSeq ? headSeq : toSeq;
  if (fromSeq < 1n || fromSeq > lastSeq) {
    throw new AppError(
      "invalid_input",
      `There are no entries in ${fromSeq}..${lastSeq}: the trail holds entries 1..${headSeq}.`,
    );
  }
  if (fromSeq <= archived.throughSeq && !archive) {
    throw new AppError(
      "conflict",
      `Entries 1..${archived.throughSeq} are in the archive, not in the database: a bundle of them comes from ` +
        "`verity archive restore`; here bundles start at entry " +
        `${archived.throughSeq + 1n}.`,
    );
  }
  if (archive && fromSeq <= archived.throughSeq) await archive.refusePurgedRange(db, orgId, fromSeq, lastSeq);
  const before =
    archive && fromSeq <= archived.throughSeq + 1n
      ? [{ hash: await archive.hashBefore(db, orgId, fromSeq) }]
      : fromSeq === archived.throughSeq + 1n
        ? [{ hash: archived.lastHash }]
        : await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = ${fromSeq - 1n}`;
  if (before.length === 0 || before[0].hash === null) {
    // The chain itself is broken there: a bundle could not be linked to it, so say so instead.
    throw new AppError(
      "conflict",
      `Entry ${fromSeq - 1n} is missing from the audit trail, so a bundle from ${fromSeq} cannot be linked to the chain.`,
    );
  }
  return {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    orgId,
    fromSeq: Number(fromSeq),
    toSeq: Number(lastSeq),
    prevHash: before[0].hash,
    count: Number(lastSeq - fromSeq + 1n),
    exportedAt: new Date().toISOString(),
  };
}

/**
 * The bundle a header describes, streamed as NDJSON, its header carrying the signed checkpoint that covers
 * its last entry (signed now if need be): the archived part first, its lines exactly as the segments hold them
 * (each segment checked against what the archive recorded as it is read), then the entries in PostgreSQL.
 * Takes the client: it is read after the request's transaction. */
export function streamAuditBundle(
  db: Db,
  header: TBundleHeader,
  {
    batchSize = 1000,
    gzip = false,
    onProgress,
    archive,
  }: { batchSize?: number; gzip?: boolean; onProgress?: (count: number) => void; archive?: ArchivedTrailReader } = {},
): AuditExport {
  async function* pieces() {
    const checkpoint = await bundleCheckpoint(db, header);
    yield { text: `${JSON.stringify(checkpoint ? { ...header, checkpoint } : header)}\n`, entries: 0 };
    const [fromSeq, toSeq] = [BigInt(header.fromSeq), BigInt(header.toSeq)];
    const { throughSeq } = await readArchivedPrefix(db, header.orgId);
    if (archive && fromSeq <= throughSeq) {
      const range = { orgId: header.orgId, fromSeq, toSeq: toSeq < throughSeq ? toSeq : throughSeq, batchSize };
      for await (const lines of archive.lineBatches(db, range))
        yield { text: lines.map((line) => `${line}\n`).join(""), entries: lines.length };
    }
    const hotFrom = fromSeq > throughSeq ? fromSeq : throughSeq + 1n;
    for await (const entries of readChainBatches(db, header.orgId, hotFrom, toSeq, batchSize)) {
      yield { text: entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""), entries: entries.length };
    }
  }
  return {
    ...countedStream(pieces(), { gzip, ...(onProgress ? { onProgress } : {}) }),
    contentType: gzip ? "application/gzip" : "application/x-ndjson",
    extension: gzip ? "bundle.ndjson.gz" : "bundle.ndjson",
  };
}

/**
 * A verifiable bundle of an organization's entries fromSeq..toSeq (default: the whole chain in PostgreSQL
 * as of now), streamed as NDJSON. verifyAuditBundle checks it offline. An empty range is refused.
 */
export async function exportAuditBundle(
  db: Db,
  {
    orgId,
    fromSeq,
    toSeq,
    batchSize = 2000,
    archive,
  }: { orgId: string; fromSeq?: bigint; toSeq?: bigint; batchSize?: number; archive?: ArchivedTrailReader },
): Promise<AuditExport> {
  const header = await planAuditBundle(db, {
    orgId,
    ...(fromSeq === undefined ? {} : { fromSeq }),
    ...(toSeq === undefined ? {} : { toSeq }),
    ...(archive ? { archive } : {}),
  });
  return streamAuditBundle(db, header, { batchSize, ...(archive ? { archive } : {}) });
}
