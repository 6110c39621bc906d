import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { TRedactionJobView } from "./recording-view-schemas";

const STATUSES = ["queued", "running", "finished", "failed"] as const;

/** The organization's latest bulk re-redaction jobs, newest first (the screen shows their progress). */
export async function listRedactionJobs(
  db: Db | Tx,
  ctx: Pick<OrgContext, "org">,
  { take = 5 }: { take?: number } = {},
): Promise<TRedactionJobView[]> {
  const jobs = await db.recordingRedactionJob.findMany({
    where: { orgId: ctx.org.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
  return jobs.map((job) => ({
    id: job.id,
    status: (STATUSES as readonly string[]).includes(job.status)
      ? (job.status as TRedactionJobView["status"])
      : "failed",
    since: job.since?.toISOString() ?? null,
    total: job.total,
    done: job.done,
    failed: job.failed,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }));
}
