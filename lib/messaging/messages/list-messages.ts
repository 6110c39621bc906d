import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { decodePageCursor, encodePageCursor, olderThan } from "../page-cursor";
import { ZListMessagesQuery, type TMessageView } from "./message-schemas";
import { messageView } from "./message-view";

/** The org's messages, newest first, filtered by status, number or campaign; never their bodies. */
export async function listMessages(
  db: ReadClient | Tx,
  ctx: OrgContext,
  raw: z.input<typeof ZListMessagesQuery> = {},
): Promise<{ data: TMessageView[]; nextCursor: string | null }> {
  const query = ZListMessagesQuery.parse(raw);
  const cursor = query.cursor ? decodePageCursor(query.cursor) : null;
  const rows = await db.messagingMessage.findMany({
    where: {
      orgId: ctx.org.id,
      ...(query.status ? { status: query.status } : {}),
      ...(query.to ? { toE164: query.to } : {}),
      ...(query.campaignId ? { campaignId: query.campaignId } : {}),
      ...olderThan(cursor, "createdAt"),
    },
    omit: { body: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(messageView),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null,
  };
}
