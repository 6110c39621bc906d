import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { TDsrView } from "./dsr-schemas";
import { dsrView } from "./dsr-view";

/** The organization's requests: open ones first, soonest deadline first; then answered ones, newest first. */
export async function listDataSubjectRequests(db: Db | Tx, ctx: Pick<OrgContext, "org">): Promise<TDsrView[]> {
  const rows = await db.dataSubjectRequest.findMany({
    where: { orgId: ctx.org.id },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  const now = new Date();
  const open = rows.filter((row) => row.status === "received");
  const answered = rows
    .filter((row) => row.status !== "received")
    .sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0));
  return [...open, ...answered].map((row) => dsrView(row, now));
}
