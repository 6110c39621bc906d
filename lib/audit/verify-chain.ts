import "server-only";
import { hash as digestOf } from "node:crypto";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import { readArchivedPrefix } from "./archived-prefix";
import { countPendingEntries, linkAllPendingEntries } from "./link-committed";
import { FORMAT_VERSION } from "./entry-content";
import { readChainHead, readEntryPage } from "./read-entry-pages";

export type ChainBreakKind = "content" | "link" | "gap" | "order" | "inserted" | "head" | "checkpoint" | "archive";
export type ChainBreak = { seq: bigint; kind: ChainBreakKind; detail: string };
export type ChainVerification = {
  ok: boolean;
  checked: number;
  /** The entries 1..archivedThrough are in the archive (0n: none): the hot chain was checked from the next. */
  archivedThrough: bigint;
  headSeq: bigint;
  headHash: string;
  firstBad: ChainBreak | null;
  /**
   * Entries committed but not linked yet (a process stopped between a commit and its link; the worker's sweep
   * links them within seconds): not in the chain yet, so never a break. Verification links them first when it can.
   */
  pending: number;
};

/**
 * One entry as read for verification: its seq, its canonical text in five parts (see
 * CANONICAL_PARTS), and its stored hashes.
 */
export type VerifiedRow = [
  seq: string,
  head: string,
  geo: string | null,
  middle: string,
  metadata: string,
  tail: string,
  contentHash: string,
  prevHash: string,
  hash: string,
];

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
  for (const key of Object.keys(object).sort())
    result += `${result === "" ? "" : ","}${JSON.stringify(key)}:${canonicalJsonOf(object[key])}`;
  return `{${result}}`;
}

/** A nullable text column as its JSON: RFC 8785 writes a string as JSON.stringify does, and so does PostgreSQL's to_json. */
const json = (column: string) => Prisma.raw(`coalesce(to_json(${column})::text, 'null')`);

/**
 * An entry's canonical text (RFC 8785, the characters canonicalBytes writes) in five parts, read
 * from the columns of `audit_entries`: the fixed-shape parts are built by PostgreSQL, keys already
 * in their sorted order, every string through to_json (which escapes exactly what JSON.stringify
 * escapes: quote, backslash and the control characters, as \b \f \n \r \t or lowercase \u00xx; text
 * holds no lone surrogates, the one case where they could differ) except the uuids and occurredAt
 * (to the stored microsecond), whose characters never need escaping. geo and metadata are stored JSON
 * of any shape and come as their text, for canonicalJsonOf here. verify-chain.test.ts checks the
 * assembled text against canonicalBytes for awkward content, through the database.
 */
export const CANONICAL_PARTS = Prisma.sql`
  concat('{"action":', ${json("action")}, ',"actor":{"display":', ${json("actor_display")}, ',"id":', ${json("actor_id")},
         ',"type":', ${json("actor_type")}, '},"category":', ${json("category")}, ',"geo":') AS head,
  geo::text AS geo,
  concat(',"id":"', id::text, '","ip":', ${json("ip")}, ',"metadata":') AS middle,
  metadata::text AS metadata,
  concat(',"occurredAt":"', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '","orgId":"', org_id::text,
         '","outcome":', ${json("outcome")}, ',"requestId":', ${json("request_id")}, ',"target":',
         CASE WHEN target_type IS NULL THEN 'null'
              ELSE concat('{"display":', ${json("target_display")}, ',"id":', ${json("target_id")},
                          ',"type":', ${json("target_type")}, '}') END,
         ',"userAgent":', ${json("user_agent")}, ${Prisma.raw(`',"v":${FORMAT_VERSION}}'`)}) AS tail`;

/** Geo values repeat (one per place an actor works from): their canonical text is kept, up to a bound. */
const canonicalGeos = new Map<string, string>();

function canonicalGeo(geo: string | null): string {
  if (geo === null) return "null";
  let canonical = canonicalGeos.get(geo);
  if (canonical === undefined) {
    if (canonicalGeos.size >= 10_000) canonicalGeos.clear();
    canonical = canonicalJsonOf(JSON.parse(geo));
    canonicalGeos.set(geo, canonical);
  }
  return canonical;
}

/** The canonical text of a row's content, assembled from its parts. */
export function canonicalTextOfRow(row: VerifiedRow): string {
  return row[1] + canonicalGeo(row[2]) + row[3] + canonicalJsonOf(JSON.parse(row[4])) + row[5];
}

/** One page of rows in VerifiedRow's order: what verifyChain and the integrator (lib/audit/integrate) check. */
export function readVerifiedRows(
  db: Db | Tx,
  orgId: string,
  afterSeq: bigint,
  throughSeq: bigint,
  limit: number,
): Promise<VerifiedRow[]> {
  return readEntryPage<VerifiedRow>(db, {
    orgId,
    columns: Prisma.sql`seq::text AS seq, ${CANONICAL_PARTS},
      content_hash::text AS content_hash, prev_hash::text AS prev_hash, hash::text AS hash`,
    afterSeq,
    throughSeq,
    limit,
  });
}

const YIELD_EVERY = 100;
/** Pages read ahead of the one being hashed. */
const PAGES_AHEAD = 2;

/** Where the entry whose hash a row names as its predecessor actually sits, if anywhere. */
async function seqOfHash(db: Db | Tx, orgId: string, hash: string): Promise<bigint | null> {
  const rows = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND hash = ${hash} LIMIT 1`;
  return rows[0]?.seq ?? null;
}

/** Names a broken link precisely: a reordering, an insertion, or a plain mismatch. */
export async function explainBrokenLink(
  db: Db | Tx,
  orgId: string,
  seq: bigint,
  prevHash: string,
): Promise<ChainBreak> {
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
 * What is wrong with one row read in seq order, given the seq it must have and the hash it must link to; null
 * when it holds. Checked in this order: its seq, its content hash (recomputed from its canonical text), its
 * prevHash, its hash. A prevHash that does not match comes back as a plain "link" break, for
 * explainBrokenLink to name.
 */
export function checkEntryRow(row: VerifiedRow, expectedSeq: number, prevHash: string): ChainBreak | null {
  const seq = Number(row[0]);
  if (seq !== expectedSeq) {
    return {
      seq: BigInt(expectedSeq),
      kind: "gap",
      detail: `entry ${expectedSeq} is missing (the next entry is ${row[0]})`,
    };
  }
  const contentHash = digestOf("sha256", canonicalTextOfRow(row));
  if (contentHash !== row[6]) {
    return {
      seq: BigInt(seq),
      kind: "content",
      detail: `the content of entry ${seq} was changed after it was written`,
    };
  }
  if (row[7] !== prevHash) {
    return {
      seq: BigInt(seq),
      kind: "link",
      detail: `prevHash of entry ${seq} does not match the hash of entry ${seq - 1}`,
    };
  }
  // Both halves are lowercase hex, so the bytes prevHash ‖ contentHash are one hex decode away.
  if (digestOf("sha256", Buffer.from(prevHash + contentHash, "hex")) !== row[8]) {
    return {
      seq: BigInt(seq),
      kind: "link",
      detail: `the hash of entry ${seq} is not SHA-256(prevHash ‖ contentHash)`,
    };
  }
  return null;
}

/**
 * Recomputes an organization's chain from its first entry in PostgreSQL and reports the first break. Entries
 * archived (lib/lifecycle/archive) are checked by the archive's verification (verifyWholeTrail runs it before
 * this); the hot chain starts right after them and links to the hash the archive recorded for its last entry.
 * Entries are read in pages by seq, the next two while this one is hashed, so memory stays three pages whatever
 * the length of the trail.
 */
export async function verifyChain(options: VerifyChainOptions): Promise<ChainVerification> {
  // On the client (not in a transaction), what a stopped process left pending is linked first (link-committed.ts).
  if ("$connect" in options.db) await linkAllPendingEntries(options.db, options.orgId);
  const result = await verifyChainOnce(options);
  if (options.archived || result.firstBad?.kind !== "gap") return result;
  // An archive run that removed entries while they were being read: once more, from the new archived prefix.
  const now = await readArchivedPrefix(options.db, options.orgId);
  return now.throughSeq >= result.firstBad.seq ? verifyChainOnce({ ...options, archived: now }) : result;
}

type VerifyChainOptions = {
  db: Db | Tx;
  orgId: string;
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
  /** Each verified entry's chain hash, in seq order (the checkpoint check builds the tree's leaves from them). */
  onEntry?: (hash: string) => void;
  /** The archived prefix, when the caller has read it already (readArchivedPrefix). */
  archived?: { throughSeq: bigint; lastHash: string };
};

async function verifyChainOnce({
  db,
  orgId,
  batchSize = 5_000,
  onProgress,
  onEntry,
  archived,
}: VerifyChainOptions): Promise<ChainVerification> {
  const prefix = archived ?? (await readArchivedPrefix(db, orgId));
  const head = await readChainHead(db, orgId);
  const total = Number(head.seq - prefix.throughSeq);
  // Seqs are counted as numbers in the loop (a trail would need 2^53 entries to outgrow them); a break reports a bigint.
  let expectedSeq = Number(prefix.throughSeq) + 1;
  let prevHash = prefix.lastHash;
  let checked = 0;
  const pending = await countPendingEntries(db, orgId);
  const result = (firstBad: ChainBreak | null): ChainVerification => ({
    ok: firstBad === null,
    checked,
    archivedThrough: prefix.throughSeq,
    headSeq: head.seq,
    headHash: head.hash,
    firstBad,
    pending,
  });

  // Pages are seq ranges: a chain holds seqs 1..head, and a missing one is what the loop reports. So
  // the pages after this one are already being read, on connections of their own, while it is hashed.
  const pages: Promise<VerifiedRow[]>[] = [];
  let requestedThrough = prefix.throughSeq;
  const requestPage = () => {
    if (requestedThrough >= head.seq) return;
    const through = requestedThrough + BigInt(batchSize) < head.seq ? requestedThrough + BigInt(batchSize) : head.seq;
    const page = readVerifiedRows(db, orgId, requestedThrough, through, batchSize);
    page.catch(() => {}); // a break found earlier ends verification before this page is awaited
    pages.push(page);
    requestedThrough = through;
  };
  for (let ahead = 0; ahead <= PAGES_AHEAD; ahead++) requestPage();
  for (let page = pages.shift(); page; page = pages.shift()) {
    const rows = await page;
    requestPage();
    for (let index = 0; index < rows.length; index++) {
      // Let the socket be read between slices of hashing, so PostgreSQL sends the next page meanwhile
      // instead of waiting on a full socket buffer.
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise(setImmediate);
      const row = rows[index];
      const bad = checkEntryRow(row, expectedSeq, prevHash);
      if (bad)
        return result(
          bad.kind === "link" && row[7] !== prevHash ? await explainBrokenLink(db, orgId, bad.seq, row[7]) : bad,
        );
      prevHash = row[8];
      expectedSeq++;
      checked++;
      onEntry?.(prevHash);
    }
    onProgress?.(checked, total);
  }

  if (BigInt(expectedSeq) <= head.seq) {
    return result({
      seq: BigInt(expectedSeq),
      kind: "gap",
      detail: `entries ${expectedSeq}..${head.seq} are missing (the chain head is at ${head.seq})`,
    });
  }
  if (prevHash !== head.hash) {
    return result({ seq: head.seq, kind: "head", detail: `entry ${head.seq} does not match the chain head's hash` });
  }
  // Entries beyond the head that no append recorded: written around the application.
  const headNow = await readChainHead(db, orgId);
  const beyond = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq > ${headNow.seq} ORDER BY seq LIMIT 1`;
  if (beyond.length > 0) {
    return result({
      seq: beyond[0].seq,
      kind: "inserted",
      detail: `entry ${beyond[0].seq} lies beyond the chain head (${headNow.seq})`,
    });
  }
  return result(null);
}
