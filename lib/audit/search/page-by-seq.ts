import "server-only";
import { z } from "zod";

const MAX_SEQ = 9_223_372_036_854_775_807n;

/** A seq to page older from: entries with seq < beforeSeq. */
export const ZBeforeSeq = z.coerce.bigint().positive().max(MAX_SEQ);
/**
 * A seq to page newer from: entries with seq > afterSeq. 0 is the start of the chain (the oldest
 * page); one below int8's maximum, so that "older than this page" (seq < afterSeq + 1) still fits.
 */
export const ZAfterSeq = z.coerce
  .bigint()
  .min(0n)
  .max(MAX_SEQ - 1n);

/** Where a page starts: just older than beforeSeq, just newer than afterSeq, or (neither) at the newest entry. */
export type SeqCursor = { beforeSeq?: bigint; afterSeq?: bigint };

/**
 * Reads up to `limit` matching rows next to the cursor, nearest first: seq DESC below beforeSeq (or
 * from the newest entry), seq ASC above afterSeq.
 */
export type ReadSeqRows<Row> = (cursor: SeqCursor, limit: number) => Promise<Row[]>;

export type SeqPage<Row> = {
  /** Newest first, whichever way the page was read. */
  rows: Row[];
  /** beforeSeq of the next page down (older entries); null on the oldest page. */
  nextBeforeSeq: string | null;
  /** afterSeq of the previous page up (newer entries); null on the newest page. */
  prevAfterSeq: string | null;
};

/**
 * One page of a keyset over seq, in either direction, saying exactly whether matches lie beyond it
 * on each side: one row past the page in the direction read, and one row on the far side of the
 * cursor. A cursor the screen made sits on a matching entry, so that second read stops at once.
 */
export async function pageBySeq<Row extends { seq: bigint }>(
  read: ReadSeqRows<Row>,
  { limit, beforeSeq, afterSeq }: { limit: number } & SeqCursor,
): Promise<SeqPage<Row>> {
  if (beforeSeq !== undefined && afterSeq !== undefined)
    throw new Error("pageBySeq takes beforeSeq or afterSeq, not both");
  if (afterSeq !== undefined) {
    const rows = await read({ afterSeq }, limit + 1);
    const page = rows.slice(0, limit).reverse();
    const olderExists = (await read({ beforeSeq: afterSeq + 1n }, 1)).length > 0;
    return {
      rows: page,
      nextBeforeSeq: olderExists ? String(page.at(-1)?.seq ?? afterSeq + 1n) : null,
      prevAfterSeq: rows.length > limit ? String(page[0].seq) : null,
    };
  }
  const rows = await read(beforeSeq === undefined ? {} : { beforeSeq }, limit + 1);
  const page = rows.slice(0, limit);
  // The newest page has nothing newer; below a cursor, the matches from the cursor up are.
  const newerFrom = beforeSeq === undefined ? null : beforeSeq - 1n;
  const newerExists = newerFrom !== null && (await read({ afterSeq: newerFrom }, 1)).length > 0;
  return {
    rows: page,
    nextBeforeSeq: rows.length > limit ? String(page.at(-1)!.seq) : null,
    prevAfterSeq: newerExists ? String(page[0]?.seq ?? newerFrom) : null,
  };
}
