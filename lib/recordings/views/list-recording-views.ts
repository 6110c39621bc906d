import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { RECORDING_ROW_SELECT, recordingRow } from "./recording-row";
import type { TRecordingFilters, TRecordingRow, TSourceCount } from "./recording-view-schemas";

const LIST_LIMIT = 500;

/** The organization's recordings for the list screen, newest first, filtered by status and source. */
export async function listRecordingViews(
  db: Db | Tx,
  ctx: Pick<OrgContext, "org">,
  filters: TRecordingFilters,
): Promise<{ rows: TRecordingRow[]; truncated: boolean }> {
  const rows = await db.recording.findMany({
    where: {
      orgId: ctx.org.id,
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.source ? { source: filters.source } : {}),
    },
    select: RECORDING_ROW_SELECT,
    orderBy: [{ uploadedAt: "desc" }, { id: "asc" }],
    take: LIST_LIMIT + 1,
  });
  return { rows: rows.slice(0, LIST_LIMIT).map(recordingRow), truncated: rows.length > LIST_LIMIT };
}

/** Every source the organization uploaded from, with how many recordings each holds (the delete confirmation). */
export async function listRecordingSources(db: Db | Tx, ctx: Pick<OrgContext, "org">): Promise<TSourceCount[]> {
  const groups = await db.recording.groupBy({
    by: ["source"],
    where: { orgId: ctx.org.id },
    _count: { _all: true },
    orderBy: { source: "asc" },
  });
  return groups.map((group) => ({ source: group.source, count: group._count._all }));
}
