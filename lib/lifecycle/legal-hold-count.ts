import "server-only";
import { freeTextIndex } from "@/lib/audit/search/free-text-index";
import type { Db, Tx } from "@/lib/db/client";
import { holdCoverageSql } from "./legal-hold-coverage";
import type { TLegalHoldScope } from "./legal-hold-schemas";

/** How many of the organization's entries in PostgreSQL a scope covers now (the holds screen's count). */
export async function countLegalHoldEntries(db: Db | Tx, orgId: string, scope: TLegalHoldScope): Promise<number> {
  const where = holdCoverageSql(scope, await freeTextIndex(db));
  const [{ count }] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM audit_entries WHERE org_id = ${orgId}::uuid AND ${where}`;
  return Number(count);
}
