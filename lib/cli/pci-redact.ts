import { parseArgs } from "node:util";
import { z } from "zod";
import { withDatabase } from "./database";
import { ensureMigrated } from "./migrate-database";

const say = (line: string) => process.stdout.write(`${line}\n`);
const usage = (message: string, command = "redact") => (process.stderr.write(`verity pci ${command}: ${message}\n`), 2);
const ZSince = z.iso.date().or(z.iso.datetime({ offset: true }));

/**
 * `verity pci redact --org <slug> [--since <date>]`: re-runs PCI redaction over the organization's recordings
 * (uploaded since the date, all without it), as a bulk job printed with its progress. Interrupted (Ctrl-C, a
 * crash), the job resumes where it stopped: run the command again, or let the worker finish it.
 */
export async function pciRedact(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: "string" }, since: { type: "string" } } });
  if (!values.org) return usage("--org <slug> is required");
  const since = values.since === undefined ? null : ZSince.safeParse(values.since);
  if (since && !since.success) return usage("--since takes a date (2026-11-01) or an ISO 8601 time");
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { startBulkRedaction }, { runBulkRedaction }, { SYSTEM_ACTOR }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/recordings/bulk/start-bulk-redaction"),
      import("@/lib/recordings/bulk/run-bulk-redaction"),
      import("@/lib/audit/append-audit-entry"),
    ]);
    const db = getDb();
    const org = await db.organization.findUnique({ where: { slug: values.org }, select: { id: true, slug: true } });
    if (!org) return usage(`no organization "${values.org}"`);
    const operator = { ...SYSTEM_ACTOR, display: "verity pci redact (CLI)" };
    const context = { ip: null, userAgent: "verity-cli", geo: null, requestId: null };
    const job = await db.$transaction((tx) =>
      startBulkRedaction(
        tx,
        { orgId: org.id, actor: operator, context },
        { since: since?.success ? new Date(since.data) : null },
      ),
    );
    say(`${org.slug}: bulk redaction ${job.id} over ${job.total} recording(s)`);
    let view = job;
    while (view.status === "queued" || view.status === "running") {
      const before = view.done;
      view = await runBulkRedaction(db, { jobId: job.id, limit: 25 });
      say(`${org.slug}: ${view.done}/${view.total} done, ${view.failed} failed`);
      // A worker holds the job's lease: it is running there; wait for it.
      if (view.done === before && view.status !== "finished")
        await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    return view.failed > 0 ? 1 : 0;
  });
}

/**
 * `verity pci sweep [--org <slug>]`: destroys recording objects that should be gone (an original whose destruction
 * never ran after its redaction was committed, an upload abandoned mid-way) and the recordings whose redaction
 * failed longer ago than VERITY_RECORDING_FAILED_RETENTION_DAYS (unless a legal hold covers them); every one is on
 * the record. The worker's "recording sweep" job does the same every ten minutes.
 */
export async function pciSweep(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: "string" } } });
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { sweepRecordingObjects }, { expireFailedRecordings }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/recordings/sweep/sweep-recording-objects"),
      import("@/lib/recordings/sweep/expire-failed-recordings"),
    ]);
    const db = getDb();
    let orgIds: string[] | undefined;
    if (values.org) {
      const org = await db.organization.findUnique({ where: { slug: values.org }, select: { id: true } });
      if (!org) return usage(`no organization "${values.org}"`, "sweep");
      orgIds = [org.id];
    }
    const swept = await sweepRecordingObjects(db, { ...(orgIds ? { orgIds } : {}) });
    say(`swept ${swept.objectsDestroyed} object(s) of ${swept.recordings} recording(s), ${swept.errors} error(s)`);
    const expired = await expireFailedRecordings(db, { ...(orgIds ? { orgIds } : {}) });
    say(
      `destroyed ${expired.destroyed} failed recording(s) past their retention, ${expired.held} kept by a legal hold`,
    );
    return swept.errors > 0 ? 1 : 0;
  });
}
