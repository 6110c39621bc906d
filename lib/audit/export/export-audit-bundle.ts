import "server-only";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { GENESIS_HASH, type EntryContent } from "../entry-content";
import { BUNDLE_TYPE, BUNDLE_VERSION, type TBundleEntry, type TBundleHeader } from "./audit-bundle-format";
import { countedStream } from "./entry-stream";
import { chainHeadSeq, type AuditExport } from "./export-audit-entries";

type ChainRow = {
  seq: bigint;
  id: string;
  occurred_at: string;
  category: string;
  action: string;
  actor_type: EntryContent["actor"]["type"];
  actor_id: string | null;
  actor_display: string | null;
  target_type: string | null;
  target_id: string | null;
  target_display: string | null;
  outcome: EntryContent["outcome"];
  ip: string | null;
  user_agent: string | null;
  geo: EntryContent["geo"];
  request_id: string | null;
  metadata: Record<string, unknown>;
  content_hash: string;
  prev_hash: string;
  hash: string;
};

/** A stored row as a bundle line: position first, then the content exactly as it was hashed. */
function bundleEntryOf(orgId: string, row: ChainRow): TBundleEntry {
  return {
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
    contentHash: row.content_hash,
    id: row.id,
    orgId,
    occurredAt: row.occurred_at,
    category: row.category,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id, display: row.actor_display },
    target: row.target_type === null ? null : { type: row.target_type, id: row.target_id, display: row.target_display },
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.user_agent,
    geo: row.geo,
    requestId: row.request_id,
    metadata: row.metadata,
  };
}

async function* readChainBatches(db: Db, orgId: string, fromSeq: bigint, toSeq: bigint, batchSize: number): AsyncGenerator<TBundleEntry[]> {
  let afterSeq = fromSeq - 1n;
  while (afterSeq < toSeq) {
    // occurred_at as text with all six fractional digits: the hash covers microseconds, Date has milliseconds.
    const rows = await db.$queryRaw<ChainRow[]>`
      SELECT id::text, seq,
             to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
             category, action, actor_type, actor_id, actor_display, target_type, target_id, target_display,
             outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash
        FROM audit_entries
       WHERE org_id = ${orgId}::uuid AND seq > ${afterSeq} AND seq <= ${toSeq}
       ORDER BY seq
       LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows.map((row) => bundleEntryOf(orgId, row));
    if (rows.length < batchSize) return;
    afterSeq = rows[rows.length - 1].seq;
  }
}

/**
 * The header of a bundle of an organization's entries fromSeq..toSeq (default: the whole chain as of
 * now): checks the range and finds the hash the bundle links to. Works in a transaction, so a route
 * can refuse a bad range before it answers; streamAuditBundle then reads the entries.
 */
export async function planAuditBundle(
  db: Db | Tx,
  { orgId, fromSeq = 1n, toSeq }: { orgId: string; fromSeq?: bigint; toSeq?: bigint },
): Promise<TBundleHeader> {
  const headSeq = await chainHeadSeq(db, orgId);
  const lastSeq = toSeq === undefined || toSeq > headSeq ? headSeq : toSeq;
  if (fromSeq < 1n || fromSeq > lastSeq) {
    throw new AppError("invalid_input", `There are no entries in ${fromSeq}..${lastSeq}: the trail holds entries 1..${headSeq}.`);
  }
  const before = fromSeq === 1n ? [{ hash: GENESIS_HASH }] : await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq = ${fromSeq - 1n}`;
  if (before.length === 0) {
    // The chain itself is broken there: a bundle could not be linked to it, so say so instead.
    throw new AppError("conflict", `Entry ${fromSeq - 1n} is missing from the audit trail, so a bundle from ${fromSeq} cannot be linked to the chain.`);
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

/** The bundle a header describes, streamed as NDJSON. Takes the client: it is read after the request's transaction. */
export function streamAuditBundle(
  db: Db,
  header: TBundleHeader,
  { batchSize = 2000, gzip = false, onProgress }: { batchSize?: number; gzip?: boolean; onProgress?: (count: number) => void } = {},
): AuditExport {
  async function* pieces() {
    yield { text: `${JSON.stringify(header)}\n`, entries: 0 };
    for await (const entries of readChainBatches(db, header.orgId, BigInt(header.fromSeq), BigInt(header.toSeq), batchSize)) {
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
 * A verifiable bundle of an organization's entries fromSeq..toSeq (default: the whole chain as of
 * now), streamed as NDJSON. verifyAuditBundle checks it offline. An empty range is refused.
 */
export async function exportAuditBundle(
  db: Db,
  { orgId, fromSeq = 1n, toSeq, batchSize = 2000 }: { orgId: string; fromSeq?: bigint; toSeq?: bigint; batchSize?: number },
): Promise<AuditExport> {
  const header = await planAuditBundle(db, { orgId, fromSeq, ...(toSeq === undefined ? {} : { toSeq }) });
  return streamAuditBundle(db, header, { batchSize });
}
