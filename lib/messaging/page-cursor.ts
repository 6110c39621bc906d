import { z } from "zod";
import { AppError } from "@/lib/http/app-error";

/** A keyset cursor over (time, id), newest first: opaque to clients, a 400 when it is not one this API issued. */
export type PageCursor = { at: Date; id: string };

export function encodePageCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: at.toISOString(), i: id })).toString("base64url");
}

const ZDecoded = z.object({ t: z.iso.datetime(), i: z.string().min(1).max(200) });

export function decodePageCursor(cursor: string): PageCursor {
  try {
    const parsed = ZDecoded.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { at: new Date(parsed.t), id: parsed.i };
  } catch {
    throw new AppError("invalid_input", "The cursor is not one this API issued.", { cursor: ["Not a valid cursor."] });
  }
}

export const ZPageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe("A page's nextCursor."),
};

/** The where clause of "older than the cursor" for a (time column, id) key. */
export function olderThan(cursor: PageCursor | null, column: string) {
  if (!cursor) return {};
  return { OR: [{ [column]: { lt: cursor.at } }, { [column]: cursor.at, id: { lt: cursor.id } }] };
}
