import "server-only";
import type { Db } from "@/lib/db/client";
import { archiveOrg, type ArchivedSegment } from "./archive-org";
import type { ArchiveStore } from "./archive-store";

/**
 * The worker's archive job: archives what is due of every organization's chain, one organization at a time.
 * One organization's failure (a store that refuses, a segment that fails its read-back check) does not stop
 * the others; they are named at the end, for the worker's log, and retried on the next run.
 */
export async function archiveDueOrgs(
  db: Db,
  store: ArchiveStore,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Map<string, ArchivedSegment[]>> {
  const orgs = await db.organization.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  const archived = new Map<string, ArchivedSegment[]>();
  const failed: string[] = [];
  for (const { id } of orgs) {
    if (signal?.aborted) break;
    try {
      archived.set(id, await archiveOrg(db, store, { orgId: id }));
    } catch {
      failed.push(id);
    }
  }
  if (failed.length > 0) throw new Error(`could not archive organization(s) ${failed.join(", ")}`);
  return archived;
}
