import "server-only";
import type { Db } from "@/lib/db/client";
import type { ArchiveStore } from "./archive-store";
import { purgeArchive, type PurgeRun } from "./purge-archive";

/**
 * The worker's purge at the end of retention, after its archive run: every organization's archive, one at a
 * time. One organization's failure (a store that refuses a delete) does not stop the others; they are named at
 * the end, for the worker's log, and retried on the next run (a recorded purge's leftover objects included).
 */
export async function purgeDueOrgs(
  db: Db,
  store: ArchiveStore,
  { signal, now }: { signal?: AbortSignal; now?: Date } = {},
): Promise<Map<string, PurgeRun>> {
  const orgs = await db.organization.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  const runs = new Map<string, PurgeRun>();
  const failed: string[] = [];
  for (const { id } of orgs) {
    if (signal?.aborted) break;
    try {
      runs.set(id, await purgeArchive(db, store, { orgId: id, ...(now ? { now } : {}) }));
    } catch {
      failed.push(id);
    }
  }
  if (failed.length > 0) throw new Error(`could not purge the archive of organization(s) ${failed.join(", ")}`);
  return runs;
}
