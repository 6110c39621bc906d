import { parseArgs } from "node:util";
import { z } from "zod";
import { withDatabase } from "./database";
import { ensureMigrated } from "./migrate-database";

const say = (line: string) => process.stdout.write(`${line}\n`);
const usage = (command: string, message: string) => (
  process.stderr.write(`verity archive ${command}: ${message}\n`),
  2
);

const ZDays = z.coerce.number().int().min(0).max(100_000);
const ZSeq = z.coerce.bigint().positive();

async function orgsNamed(slug: string | undefined): Promise<{ id: string; slug: string }[]> {
  const { getDb } = await import("@/lib/db/client");
  return getDb().organization.findMany({
    where: slug === undefined ? {} : { slug },
    select: { id: true, slug: true },
    orderBy: { createdAt: "asc" },
  });
}

/** `verity archive run [--org <slug>] [--older-than <days>]`: archives what is due now. */
export async function archiveRun(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: "string" }, "older-than": { type: "string" } } });
  const days = values["older-than"] === undefined ? undefined : ZDays.safeParse(values["older-than"]);
  if (days && !days.success) return usage("run", "--older-than takes a whole number of days");
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { archiveOrg }, { openArchiveStore }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/lifecycle/archive/archive-org"),
      import("@/lib/lifecycle/archive/open-archive-store"),
    ]);
    const orgs = await orgsNamed(values.org);
    if (values.org && orgs.length === 0) return usage("run", `no organization "${values.org}"`);
    const store = await openArchiveStore();
    say(`archive: ${store.description}`);
    for (const org of orgs) {
      const segments = await archiveOrg(getDb(), store, {
        orgId: org.id,
        ...(days ? { olderThanDays: days.data } : {}),
      });
      if (segments.length === 0) say(`${org.slug}: nothing due`);
      for (const segment of segments) {
        const resumed = segment.resumed ? " (resumed: written by an earlier run)" : "";
        say(
          `${org.slug}: archived entries ${segment.fromSeq}..${segment.toSeq} (${segment.count}) to ${segment.key}${resumed}`,
        );
      }
    }
    return 0;
  });
}

/** `verity archive purge [--org <slug>]`: deletes the segments past retention that no legal hold covers. */
export async function archivePurge(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: "string" } } });
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { purgeArchive }, { openArchiveStore }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/lifecycle/archive/purge-archive"),
      import("@/lib/lifecycle/archive/open-archive-store"),
    ]);
    const orgs = await orgsNamed(values.org);
    if (values.org && orgs.length === 0) return usage("purge", `no organization "${values.org}"`);
    const store = await openArchiveStore();
    say(`archive: ${store.description}`);
    let unreadable = 0;
    for (const org of orgs) {
      const run = await purgeArchive(getDb(), store, { orgId: org.id });
      for (const segment of run.purged)
        say(`${org.slug}: purged entries ${segment.fromSeq}..${segment.toSeq} (${segment.key})`);
      for (const segment of run.held)
        say(`${org.slug}: kept entries ${segment.fromSeq}..${segment.toSeq}: legal hold ${segment.holds.join(", ")}`);
      for (const segment of run.unreadable)
        say(
          `${org.slug}: not purged entries ${segment.fromSeq}..${segment.toSeq}: its archived object is missing or ` +
            `altered (verity archive verify --org ${org.slug})`,
        );
      if (run.purged.length === 0 && run.held.length === 0 && run.unreadable.length === 0)
        say(`${org.slug}: nothing past retention`);
      unreadable += run.unreadable.length;
    }
    return unreadable > 0 ? 1 : 0;
  });
}

/** `verity archive verify --org <slug>`: every segment against the store and the checkpoints (exit 1 names a bad one). */
export async function archiveVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: "string" } } });
  if (!values.org) return usage("verify", "--org <slug> is required");
  const slug = values.org;
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { verifyArchive }, { openArchiveStore }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/lifecycle/archive/verify-archive"),
      import("@/lib/lifecycle/archive/open-archive-store"),
    ]);
    const [org] = await orgsNamed(slug);
    if (!org) return usage("verify", `no organization "${slug}"`);
    const reports = await verifyArchive(getDb(), await openArchiveStore(), org.id);
    for (const report of reports) {
      const range = `entries ${report.fromSeq}..${report.toSeq}`;
      say(
        report.problem
          ? `${report.problem.toUpperCase()} ${report.name} (${range}): ${report.reason}`
          : report.purgedAt
            ? `purged ${report.name} (${range}) at the end of retention, ${report.purgedAt.toISOString()}`
            : `ok ${report.name} (${range})`,
      );
    }
    const bad = reports.filter((report) => report.problem).length;
    const purged = reports.filter((report) => report.purgedAt).length;
    const ofThem = purged === 0 ? "" : ` (${purged} purged at the end of retention)`;
    say(
      reports.length === 0
        ? "nothing is archived"
        : bad === 0
          ? `intact: ${reports.length} segment(s)${ofThem}, entries 1..${reports.at(-1)!.toSeq}`
          : `${bad} of ${reports.length} segment(s) missing or altered${ofThem}`,
    );
    return bad === 0 ? 0 : 1;
  });
}

/** `verity archive restore --org <slug> --from <seq> --to <seq> --out <file>`: a verifiable bundle from the archive. */
export async function archiveRestore(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: "string" }, from: { type: "string" }, to: { type: "string" }, out: { type: "string" } },
  });
  if (!values.org || !values.from || !values.to || !values.out)
    return usage("restore", "--org <slug> --from <seq> --to <seq> --out <file> are required");
  const from = ZSeq.safeParse(values.from);
  const to = ZSeq.safeParse(values.to);
  if (!from.success || !to.success) return usage("restore", "--from and --to take entry numbers (1, 2, …)");
  const { org: slug, out } = values;
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { restoreFromArchive, RestoreRefused }, { openArchiveStore }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/lifecycle/archive/restore-from-archive"),
      import("@/lib/lifecycle/archive/open-archive-store"),
    ]);
    const [org] = await orgsNamed(slug);
    if (!org) return usage("restore", `no organization "${slug}"`);
    try {
      const header = await restoreFromArchive(getDb(), await openArchiveStore(), {
        orgId: org.id,
        fromSeq: from.data,
        toSeq: to.data,
        out,
      });
      say(
        `wrote ${out}: entries ${header.fromSeq}..${header.toSeq} (${header.count}); check it with verity verify-export ${out}`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof RestoreRefused)) throw error;
      say(`REFUSED: ${error.message}`);
      return 1;
    }
  });
}
