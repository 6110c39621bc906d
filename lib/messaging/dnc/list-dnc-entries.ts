import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { decodePageCursor, encodePageCursor } from "../page-cursor";
import { dncEntryView, ZListDncQuery, type TDncEntryView } from "./dnc-schemas";

/** The org's Do Not Contact list, newest first (cursor: added time and number), q matching digits of the number. */
export async function listDncEntries(
  db: ReadClient | Tx,
  ctx: OrgContext,
  raw: z.input<typeof ZListDncQuery> = {},
): Promise<{ data: TDncEntryView[]; nextCursor: string | null }> {
  const query = ZListDncQuery.parse(raw);
  const cursor = query.cursor ? decodePageCursor(query.cursor) : null;
  const digits = query.q.replace(/[^\d]/g, "");
  const rows = await db.messagingDncEntry.findMany({
    where: {
      orgId: ctx.org.id,
      ...(digits ? { phoneE164: { contains: digits } } : {}),
      ...(cursor ? { OR: [{ addedAt: { lt: cursor.at } }, { addedAt: cursor.at, phoneE164: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ addedAt: "desc" }, { phoneE164: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(dncEntryView),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.addedAt, last.phoneE164) : null,
  };
}
