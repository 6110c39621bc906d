import "server-only";
import type { ContactView } from "./panel-views";
import type { OrgContext } from "@/lib/context";
import type { ReadClient } from "@/lib/db/client";

export const CONTACTS_PAGE_ROWS = 100;

/** The org's newest contacts, or those whose name or number matches the search, with their consent history. */
export async function listContacts(db: ReadClient, ctx: OrgContext, { q = "" }: { q?: string } = {}) {
  const text = q.trim();
  const digits = text.replace(/\D/g, "");
  const search = text
    ? {
        OR: [
          { name: { contains: text, mode: "insensitive" as const } },
          ...(digits.length >= 3 ? [{ phoneE164: { contains: digits } }] : []),
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    db.messagingContact.findMany({
      where: { orgId: ctx.org.id, ...search },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: CONTACTS_PAGE_ROWS,
      include: { consents: { where: { orgId: ctx.org.id }, orderBy: { grantedAt: "desc" } } },
    }),
    db.messagingContact.count({ where: { orgId: ctx.org.id } }),
  ]);
  const contacts: ContactView[] = rows.map((row) => ({
    id: row.id,
    phoneE164: row.phoneE164,
    name: row.name,
    state: row.state,
    zip: row.zip,
    timeZone: row.timeZone,
    optedOutAt: row.optedOutAt?.toISOString() ?? null,
    optOutChannel: row.optOutChannel,
    createdAt: row.createdAt.toISOString(),
    consents: row.consents.map((consent) => ({
      id: consent.id,
      channel: consent.channel,
      source: consent.source,
      textShown: consent.textShown,
      grantedAt: consent.grantedAt.toISOString(),
      ip: consent.ip,
      formId: consent.formId,
      revokedAt: consent.revokedAt?.toISOString() ?? null,
      revokedBy: consent.revokedBy,
    })),
  }));
  return { contacts, total };
}
