import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { ZListRecordingsQuery, type TListRecordingsQuery, type TRecordingView } from "./recording-schemas";
import { recordingView } from "./recording-view";

type Cursor = { t: string; i: string };
const invalidCursor = () =>
  new AppError("invalid_input", "The cursor is not one this API issued.", { cursor: ["Not a valid cursor."] });

function decode(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof parsed.t === "string" && typeof parsed.i === "string" && !Number.isNaN(Date.parse(parsed.t)))
      if (/^[0-9a-f-]{36}$/.test(parsed.i)) return { t: parsed.t, i: parsed.i };
  } catch {
    // falls through to the 400
  }
  throw invalidCursor();
}
const encode = (row: { uploadedAt: Date; id: string }) =>
  Buffer.from(JSON.stringify({ t: row.uploadedAt.toISOString(), i: row.id })).toString("base64url");

/** The organization's recordings, newest first, by status or source, a page at a time (keyset cursor). */
export async function listRecordings(
  db: Db | Tx,
  ctx: OrgContext,
  raw: TListRecordingsQuery = {},
): Promise<{ data: TRecordingView[]; nextCursor: string | null }> {
  const query = ZListRecordingsQuery.parse(raw);
  const after = query.cursor ? decode(query.cursor) : null;
  const rows = await db.recording.findMany({
    where: {
      orgId: ctx.org.id,
      ...(query.status ? { status: query.status } : {}),
      ...(query.source ? { source: query.source } : {}),
      ...(after
        ? {
            OR: [{ uploadedAt: { lt: new Date(after.t) } }, { uploadedAt: new Date(after.t), id: { lt: after.i } }],
          }
        : {}),
    },
    orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(recordingView), nextCursor: rows.length > query.limit ? encode(page.at(-1)!) : null };
}
