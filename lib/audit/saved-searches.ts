import "server-only";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { appendAuditEntry } from "./append-audit-entry";
import {
  MAX_SAVED_SEARCHES_PER_USER,
  ZDeleteAuditSearch,
  ZSaveAuditSearch,
  type TSavedSearchView,
} from "./saved-search-view";
import { parseAuditQuery } from "./search/parse-audit-query";

export { MAX_SAVED_SEARCHES_PER_USER };

type Row = { id: string; name: string; query: string; shared: boolean; userId: string };
const viewOf = (row: Row, userId: string): TSavedSearchView => ({
  id: row.id,
  name: row.name,
  query: row.query,
  shared: row.shared,
  mine: row.userId === userId,
});

/** The searches the viewer sees in an organization: their own, then the shared ones of others, by name. */
export async function listSavedSearches(db: Db | Tx, orgId: string, userId: string): Promise<TSavedSearchView[]> {
  const rows = await db.auditSavedSearch.findMany({
    where: { orgId, OR: [{ userId }, { shared: true }] },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, query: true, shared: true, userId: true },
  });
  return rows.map((row) => viewOf(row, userId));
}

/**
 * Saves a search for the signed-in person. The query must parse (a SearchSyntaxError is a 400 naming its position).
 * A shared one is visible to everyone in the organization who reads the trail: audit.search_shared records it.
 */
export async function saveAuditSearch(tx: Tx, ctx: OrgContext, rawInput: unknown): Promise<TSavedSearchView> {
  const input = ZSaveAuditSearch.parse(rawInput);
  parseAuditQuery(input.query);
  const userId = ctx.principal.userId;
  const kept = await tx.auditSavedSearch.count({ where: { orgId: ctx.org.id, userId } });
  if (kept >= MAX_SAVED_SEARCHES_PER_USER)
    throw new AppError("conflict", `You keep ${kept} saved searches, the most there may be: delete one first.`);
  const row = await tx.auditSavedSearch.create({
    data: { orgId: ctx.org.id, userId, name: input.name, query: input.query, shared: input.shared },
  });
  if (row.shared)
    await appendAuditEntry(tx, {
      ...auditedBy(ctx),
      action: "audit.search_shared",
      target: { type: "saved_search", id: row.id, display: row.name },
      metadata: { name: row.name, query: row.query },
    });
  return viewOf(row, userId);
}

/**
 * Deletes a saved search: one's own, or a shared one as its saver or as someone who may change the organization's
 * settings (owners, admins). Another organization's, or another person's own, answers as unknown (no BOLA oracle).
 */
export async function deleteAuditSearch(tx: Tx, ctx: OrgContext, rawInput: unknown): Promise<{ id: string }> {
  const { id } = ZDeleteAuditSearch.parse(rawInput);
  const userId = ctx.principal.userId;
  const row = await tx.auditSavedSearch.findFirst({
    where: { id, orgId: ctx.org.id, OR: [{ userId }, { shared: true }] },
  });
  if (!row) throw new AppError("not_found", "There is no such saved search.");
  if (row.userId !== userId && !ctx.permissions.includes("org.update"))
    throw new AppError("forbidden", "Only whoever shared this search, an admin or an owner may delete it.");
  await tx.auditSavedSearch.delete({ where: { id: row.id } });
  if (row.shared)
    await appendAuditEntry(tx, {
      ...auditedBy(ctx),
      action: "audit.shared_search_deleted",
      target: { type: "saved_search", id: row.id, display: row.name },
      metadata: { name: row.name, query: row.query },
    });
  return { id: row.id };
}
