import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { decodePageCursor, encodePageCursor, olderThan } from "../page-cursor";
import { ZListContactsQuery, type TContactView } from "./contact-schemas";
import { contactView, withCurrentConsent } from "./contact-view";
import { findContact } from "./find-contact";

/** The org's contacts, newest first, a page at a time; q matches part of the number or the name. */
export async function listContacts(
  db: ReadClient | Tx,
  ctx: OrgContext,
  raw: z.input<typeof ZListContactsQuery> = {},
): Promise<{ data: TContactView[]; nextCursor: string | null }> {
  const query = ZListContactsQuery.parse(raw);
  const cursor = query.cursor ? decodePageCursor(query.cursor) : null;
  const digits = query.q.replace(/[^\d]/g, "");
  const rows = await db.messagingContact.findMany({
    where: {
      orgId: ctx.org.id,
      ...(query.state ? { state: query.state } : {}),
      ...(query.optedOut ? { optedOutAt: query.optedOut === "true" ? { not: null } : null } : {}),
      AND: [
        query.q
          ? {
              OR: [
                { name: { contains: query.q, mode: "insensitive" as const } },
                ...(digits ? [{ phoneE164: { contains: digits } }] : []),
              ],
            }
          : {},
        olderThan(cursor, "createdAt"),
      ],
    },
    include: withCurrentConsent,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(contactView),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null,
  };
}

export async function getContact(db: ReadClient | Tx, ctx: OrgContext, { id }: { id: string }): Promise<TContactView> {
  return contactView(await findContact(db, ctx, id));
}
