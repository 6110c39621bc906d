import "server-only";
import type { Db, Tx } from "@/lib/db";
import { contentHashOf, GENESIS_HASH, linkHashOf, type EntryContent } from "./entry-content";

export type ChainBreakKind = "content" | "link" | "gap" | "order" | "inserted" | "head";
export type ChainBreak = { seq: bigint; kind: ChainBreakKind; detail: string };
export type ChainVerification = {
  ok: boolean;
  checked: number;
  headSeq: bigint;
  headHash: string;
  firstBad: ChainBreak | null;
};

type EntryRow = {
  id: string;
  seq: bigint;
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

/** The content as it was hashed, rebuilt from the stored columns. */
function contentOf(orgId: string, row: EntryRow): EntryContent {
  return {
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

async function readBatch(db: Db | Tx, orgId: string, afterSeq: bigint, limit: number): Promise<EntryRow[]> {
  return db.$queryRaw<EntryRow[]>`
    SELECT id::text, seq,
           to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
           category, action, actor_type, actor_id, actor_display, target_type, target_id, target_display,
           outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash
      FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND seq > ${afterSeq}
     ORDER BY seq
     LIMIT ${limit}`;
}

async function readHead(db: Db | Tx, orgId: string): Promise<{ seq: bigint; hash: string }> {
  const rows = await db.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM audit_chain_heads WHERE org_id = ${orgId}::uuid`;
  return rows[0] ?? { seq: 0n, hash: GENESIS_HASH };
}

/** Where the entry whose hash a row names as its predecessor actually sits, if anywhere. */
async function seqOfHash(db: Db | Tx, orgId: string, hash: string): Promise<bigint | null> {
  const rows = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND hash = ${hash} LIMIT 1`;
  return rows[0]?.seq ?? null;
}

async function explainBrokenLink(db: Db | Tx, orgId: string, row: EntryRow): Promise<ChainBreak> {
  const linkedSeq = await seqOfHash(db, orgId, row.prev_hash);
  if (linkedSeq !== null && linkedSeq > row.seq) {
    return { seq: row.seq, kind: "order", detail: `entry ${row.seq} belongs after entry ${linkedSeq}: entries were reordered` };
  }
  if (linkedSeq !== null && linkedSeq < row.seq - 1n) {
    const inserted = linkedSeq + 1n;
    return {
      seq: inserted,
      kind: "inserted",
      detail: `entry ${row.seq} follows entry ${linkedSeq} in the chain, so entries ${inserted}..${row.seq - 1n} were inserted`,
    };
  }
  return { seq: row.seq, kind: "link", detail: `prevHash of entry ${row.seq} does not match the hash of entry ${row.seq - 1n}` };
}

/**
 * Recomputes an organization's chain from its first entry and reports the first break. Entries are
 * read in pages by seq, so memory stays constant whatever the length of the trail.
 */
export async function verifyChain({
  db,
  orgId,
  batchSize = 1000,
  onProgress,
}: {
  db: Db | Tx;
  orgId: string;
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
}): Promise<ChainVerification> {
  const head = await readHead(db, orgId);
  const total = Number(head.seq);
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const result = (firstBad: ChainBreak | null): ChainVerification => ({
    ok: firstBad === null,
    checked,
    headSeq: head.seq,
    headHash: head.hash,
    firstBad,
  });

  while (expectedSeq <= head.seq) {
    const rows = await readBatch(db, orgId, expectedSeq - 1n, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq > head.seq) break; // appended after verification started
      if (row.seq !== expectedSeq) {
        return result({ seq: expectedSeq, kind: "gap", detail: `entry ${expectedSeq} is missing (the next entry is ${row.seq})` });
      }
      if (contentHashOf(contentOf(orgId, row)) !== row.content_hash) {
        return result({ seq: row.seq, kind: "content", detail: `the content of entry ${row.seq} was changed after it was written` });
      }
      if (row.prev_hash !== prevHash) return result(await explainBrokenLink(db, orgId, row));
      if (linkHashOf(row.prev_hash, row.content_hash) !== row.hash) {
        return result({ seq: row.seq, kind: "link", detail: `the hash of entry ${row.seq} is not SHA-256(prevHash ‖ contentHash)` });
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1n;
      checked++;
    }
    onProgress?.(checked, total);
    if (rows.length < batchSize) break;
  }

  if (expectedSeq <= head.seq) {
    return result({ seq: expectedSeq, kind: "gap", detail: `entries ${expectedSeq}..${head.seq} are missing (the chain head is at ${head.seq})` });
  }
  if (prevHash !== head.hash) {
    return result({ seq: head.seq, kind: "head", detail: `entry ${head.seq} does not match the chain head's hash` });
  }
  // Entries beyond the head that no append recorded: written around the application.
  const headNow = await readHead(db, orgId);
  const beyond = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq > ${headNow.seq} ORDER BY seq LIMIT 1`;
  if (beyond.length > 0) {
    return result({ seq: beyond[0].seq, kind: "inserted", detail: `entry ${beyond[0].seq} lies beyond the chain head (${headNow.seq})` });
  }
  return result(null);
}
