import "server-only";
import { type Db, type Tx } from "@/lib/db/client";
import { compileAuditSearch, type AuditSearch } from "./compile-audit-search";
import { freeTextIndex } from "./free-text-index";

/** Counting stops here: "10,000+ entries" says enough, and a count never reads a whole large trail. */
export const MATCH_COUNT_CAP = 10_000;

export type AuditMatchCount = { value: number; capped: boolean };

/**
 * How many entries of one organization a search matches (the screen's result count), through the same
 * compilation as its pages and exports, up to MATCH_COUNT_CAP.
 */
export async function countAuditMatches(
  db: Db | Tx,
  { orgId, ...search }: { orgId: string } & AuditSearch,
): Promise<AuditMatchCount> {
  const { where } = compileAuditSearch(search, await freeTextIndex(db));
  const [{ matches }] = await db.$queryRaw<{ matches: number }[]>`
    SELECT count(*)::int AS matches FROM (
      SELECT 1 FROM audit_entries WHERE org_id = ${orgId}::uuid AND ${where} LIMIT ${MATCH_COUNT_CAP + 1}) AS found`;
  return { value: Math.min(matches, MATCH_COUNT_CAP), capped: matches > MATCH_COUNT_CAP };
}
