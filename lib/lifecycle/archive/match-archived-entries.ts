import "server-only";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { entriesRelation } from "../legal-holds-covering";

/** Entries per statement: one JSON parameter of a few hundred kilobytes. */
const MATCH_BATCH = 500;

/**
 * The entries (read back from the archive) that a compiled search matches: the search's own SQL
 * (compileAuditSearch's `where`, the screen's and the exports') evaluated by PostgreSQL over the entries handed
 * in as a relation with audit_entries' columns, so an archived entry matches exactly when it would have matched
 * in the hot trail. Keeps the entries' order.
 */
export async function matchArchivedEntries(
  db: Db | Tx,
  entries: TAuditEntryView[],
  where: Prisma.Sql,
): Promise<TAuditEntryView[]> {
  const matched: TAuditEntryView[] = [];
  for (let start = 0; start < entries.length; start += MATCH_BATCH) {
    const batch = entries.slice(start, start + MATCH_BATCH);
    const rows = await db.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM ${entriesRelation(batch)} WHERE ${where}`;
    const seqs = new Set(rows.map((row) => String(row.seq)));
    matched.push(...batch.filter((entry) => seqs.has(entry.seq)));
  }
  return matched;
}
