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
  const unreadable: string[] = [];
  for (const { id } of orgs) {
    if (signal?.aborted) break;
    try {
      const run = await purgeArchive(db, store, { orgId: id, ...(now ? { now } : {}) });
      runs.set(id, run);
      for (const segment of run.unreadable) unreadable.push(`${id} entries ${segment.fromSeq}..${segment.toSeq}`);
    } catch {
      failed.push(id);
    }
  }
  const problems = [
    ...(failed.length > 0 ? [`could not purge the archive of organization(s) ${failed.join(", ")}`] : []),
    ...(unreadable.length > 0
      ? [`archived objects missing or altered, not purged (verity archive verify): ${unreadable.join(", ")}`]
      : []),
  ];
  if (problems.length > 0) throw new Error(problems.join("; "));
  return runs;
}
