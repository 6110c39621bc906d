import "server-only";
import { createHash } from "node:crypto";
import { Prisma, type Db, type Tx } from "@/lib/db";
import { FORMAT_VERSION, GENESIS_HASH } from "./entry-content";
import { readChainHead, readEntryPage } from "./read-entry-pages";

export type ChainBreakKind = "content" | "link" | "gap" | "order" | "inserted" | "head";
export type ChainBreak = { seq: bigint; kind: ChainBreakKind; detail: string };
export type ChainVerification = {
  ok: boolean;
  checked: number;
  headSeq: bigint;
  headHash: string;
  firstBad: ChainBreak | null;
};

/** One entry as read for verification: the columns in this order (a JSON array per row). */
export type VerifiedRow = [
  seq: string,
  id: string,
  occurredAt: string,
  category: string,
  action: string,
  actorType: string,
  actorId: string | null,
  actorDisplay: string | null,
  targetType: string | null,
  targetId: string | null,
  targetDisplay: string | null,
  outcome: string,
  ip: string | null,
  userAgent: string | null,
  geo: unknown,
  requestId: string | null,
  metadata: unknown,
  contentHash: string,
  prevHash: string,
  hash: string,
];

const text = JSON.stringify as (value: string | null) => string;

/**
 * canonicalize (RFC 8785) of a value JSON.parse made from PostgreSQL's JSON: the same recursion
 * (keys sorted by UTF-16 code units, primitives through JSON.stringify) without the guards such a
 * value cannot need: no undefined, symbols, toJSON, cycles or non-finite numbers come out of
 * JSON.parse, and jsonb refuses lone surrogates. Those guards cost more than the hashing.
 */
export function canonicalJsonOf(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJsonOf).join(",")}]`;
  const object = value as Record<string, unknown>;
  let result = "";
  for (const key of Object.keys(object).sort()) result += `${result === "" ? "" : ","}${JSON.stringify(key)}:${canonicalJsonOf(object[key])}`;
  return `{${result}}`;
}

/**
 * The canonical text (RFC 8785) of a row's content, the same characters canonicalBytes makes of
 * it, without sorting keys per row: the fixed-shape part is written in its sorted key order, and
 * its values are strings or null, for which canonicalize is JSON.stringify (its only other case, a
 * lone surrogate, cannot come out of PostgreSQL text). geo and metadata are stored JSON of any shape
 * and go through canonicalJsonOf. verify-chain.test.ts checks this against canonicalBytes.
 */
export function canonicalTextOfRow(orgId: string, row: VerifiedRow): string {
  const target =
    row[8] === null ? "null" : `{"display":${text(row[10])},"id":${text(row[9])},"type":${text(row[8])}}`;
  return (
    `{"action":${text(row[4])},"actor":{"display":${text(row[7])},"id":${text(row[6])},"type":${text(row[5])}}` +
    `,"category":${text(row[3])},"geo":${canonicalJsonOf(row[14])},"id":${text(row[1])},"ip":${text(row[12])}` +
    `,"metadata":${canonicalJsonOf(row[16])},"occurredAt":${text(row[2])},"orgId":${text(orgId)},"outcome":${text(row[11])}` +
    `,"requestId":${text(row[15])},"target":${target},"userAgent":${text(row[13])},"v":${FORMAT_VERSION}}`
  );
}

/** A timestamp's JSON in PostgreSQL (ISO 8601, UTC here, trailing zeros of the fraction dropped) as stored: microseconds and Z. */
export function microsOfJsonTimestamp(timestamp: string): string {
  return `${timestamp.length === 19 ? `${timestamp}.` : timestamp}`.padEnd(26, "0") + "Z";
}

const VERIFIED_COLUMNS = Prisma.sql`seq::text, id, occurred_at AT TIME ZONE 'UTC',
  category, action, actor_type, actor_id, actor_display, target_type, target_id, target_display,
  outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash`;

/** One batch of rows in VerifiedRow's order, occurred_at formatted here (cheaper than to_char there). */
async function readBatch(db: Db | Tx, orgId: string, afterSeq: bigint, throughSeq: bigint, limit: number): Promise<VerifiedRow[]> {
  const rows = await readEntryPage<VerifiedRow>(db, { orgId, columns: VERIFIED_COLUMNS, afterSeq, throughSeq, limit });
  for (const row of rows) row[2] = microsOfJsonTimestamp(row[2]);
  return rows;
}

/** Where the entry whose hash a row names as its predecessor actually sits, if anywhere. */
async function seqOfHash(db: Db | Tx, orgId: string, hash: string): Promise<bigint | null> {
  const rows = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND hash = ${hash} LIMIT 1`;
  return rows[0]?.seq ?? null;
}

async function explainBrokenLink(db: Db | Tx, orgId: string, seq: bigint, prevHash: string): Promise<ChainBreak> {
  const linkedSeq = await seqOfHash(db, orgId, prevHash);
  if (linkedSeq !== null && linkedSeq > seq) {
    return { seq, kind: "order", detail: `entry ${seq} belongs after entry ${linkedSeq}: entries were reordered` };
  }
  if (linkedSeq !== null && linkedSeq < seq - 1n) {
    const inserted = linkedSeq + 1n;
    return {
      seq: inserted,
      kind: "inserted",
      detail: `entry ${seq} follows entry ${linkedSeq} in the chain, so entries ${inserted}..${seq - 1n} were inserted`,
    };
  }
  return { seq, kind: "link", detail: `prevHash of entry ${seq} does not match the hash of entry ${seq - 1n}` };
}

/**
 * Recomputes an organization's chain from its first entry and reports the first break. Entries are
 * read in pages by seq, the next page while this one is hashed, so memory stays two pages whatever
 * the length of the trail.
 */
export async function verifyChain({
  db,
  orgId,
  batchSize = 10_000,
  onProgress,
}: {
  db: Db | Tx;
  orgId: string;
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
}): Promise<ChainVerification> {
  const head = await readChainHead(db, orgId);
  const total = Number(head.seq);
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let prevHashBytes = Buffer.from(GENESIS_HASH, "hex");
  let checked = 0;
  const result = (firstBad: ChainBreak | null): ChainVerification => ({
    ok: firstBad === null,
    checked,
    headSeq: head.seq,
    headHash: head.hash,
    firstBad,
  });

  let next: Promise<VerifiedRow[]> | null = head.seq > 0n ? readBatch(db, orgId, 0n, head.seq, batchSize) : null;
  while (next) {
    const rows = await next;
    next = null;
    if (rows.length === 0) break;
    const lastSeq = BigInt(rows[rows.length - 1][0]);
    if (rows.length === batchSize && lastSeq < head.seq) {
      next = readBatch(db, orgId, lastSeq, head.seq, batchSize);
      // A break found in this page ends verification before the read is awaited.
      next.catch(() => {});
    }
    for (const row of rows) {
      const seq = BigInt(row[0]);
      if (seq !== expectedSeq) {
        return result({ seq: expectedSeq, kind: "gap", detail: `entry ${expectedSeq} is missing (the next entry is ${seq})` });
      }
      const contentHash = row[17];
      const contentDigest = createHash("sha256").update(canonicalTextOfRow(orgId, row), "utf8").digest();
      if (contentDigest.toString("hex") !== contentHash) {
        return result({ seq, kind: "content", detail: `the content of entry ${seq} was changed after it was written` });
      }
      if (row[18] !== prevHash) return result(await explainBrokenLink(db, orgId, seq, row[18]));
      const hash = createHash("sha256").update(prevHashBytes).update(contentDigest).digest();
      if (hash.toString("hex") !== row[19]) {
        return result({ seq, kind: "link", detail: `the hash of entry ${seq} is not SHA-256(prevHash ‖ contentHash)` });
      }
      prevHash = row[19];
      prevHashBytes = hash;
      expectedSeq = seq + 1n;
      checked++;
    }
    onProgress?.(checked, total);
  }

  if (expectedSeq <= head.seq) {
    return result({ seq: expectedSeq, kind: "gap", detail: `entries ${expectedSeq}..${head.seq} are missing (the chain head is at ${head.seq})` });
  }
  if (prevHash !== head.hash) {
    return result({ seq: head.seq, kind: "head", detail: `entry ${head.seq} does not match the chain head's hash` });
  }
  // Entries beyond the head that no append recorded: written around the application.
  const headNow = await readChainHead(db, orgId);
  const beyond = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq > ${headNow.seq} ORDER BY seq LIMIT 1`;
  if (beyond.length > 0) {
    return result({ seq: beyond[0].seq, kind: "inserted", detail: `entry ${beyond[0].seq} lies beyond the chain head (${headNow.seq})` });
  }
  return result(null);
}
