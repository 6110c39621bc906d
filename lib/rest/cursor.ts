import { AppError } from "@/lib/http/app-error";
import { ZAfterSeq, ZBeforeSeq, type SeqCursor } from "@/lib/audit/search/page-by-seq";

/** Which way a cursor pages from its seq: to older entries (nextCursor) or to newer ones (prevCursor). */
export type CursorDirection = "older" | "newer";

/**
 * An opaque keyset cursor: the organization, the seq to continue from, and which way. A cursor from
 * another organization, or one that was edited into nonsense, is a 400, never a page of someone
 * else's data (the query filters by the caller's organization in any case). Older cursors carry no
 * direction, as every cursor did before newer pages existed.
 */
export function encodeCursor(orgId: string, seq: string, direction: CursorDirection = "older"): string {
  return Buffer.from(
    JSON.stringify(direction === "older" ? { o: orgId, s: seq } : { o: orgId, s: seq, d: "newer" }),
  ).toString("base64url");
}

const invalidCursor = () =>
  new AppError("invalid_input", "The cursor is not one this API issued.", { cursor: ["Not a valid cursor."] });

export function decodeCursor(cursor: string, orgId: string): SeqCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const { o, s, d } = (parsed ?? {}) as { o?: unknown; s?: unknown; d?: unknown };
  if (
    typeof o !== "string" ||
    typeof s !== "string" ||
    !/^(0|[1-9]\d{0,18})$/.test(s) ||
    (d !== undefined && d !== "newer")
  )
    throw invalidCursor();
  const seq = (d === "newer" ? ZAfterSeq : ZBeforeSeq).safeParse(s);
  if (!seq.success) throw invalidCursor();
  if (o !== orgId)
    throw new AppError("invalid_input", "The cursor belongs to another organization's results.", {
      cursor: ["Not a cursor for this organization."],
    });
  return d === "newer" ? { afterSeq: seq.data } : { beforeSeq: seq.data };
}
