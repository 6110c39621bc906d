import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { countLegalHoldEntries } from "./legal-hold-count";
import type { TLegalHoldView } from "./legal-hold-schemas";
import { legalHoldView, scopeOf } from "./legal-hold-view";

/** Every hold of the organization, active ones first, newest first, each with the entries it covers now. */
export async function listLegalHolds(db: Db | Tx, ctx: Pick<OrgContext, "org">): Promise<TLegalHoldView[]> {
  const rows = await db.legalHold.findMany({
    where: { orgId: ctx.org.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const views: TLegalHoldView[] = [];
  for (const row of rows) views.push(legalHoldView(row, await countLegalHoldEntries(db, ctx.org.id, scopeOf(row))));
  return views.sort((a, b) => Number(a.status === "released") - Number(b.status === "released"));
}
