/**
 * The archive (lib/lifecycle/archive) on PostgreSQL: two organizations of ARCHIVE_BENCH_ENTRIES entries each
 * (default 1,000,000; seeded in SQL with valid chains, bench/audit-seed.ts, then signed), one archived to a
 * directory store and one to an s3rver on loopback. Each archive run is a process of its own
 * (bench/archive-run.ts): entries per second of the whole run (write, read back and verify, record, prune),
 * verifyArchive's rate over the archive, and that process's peak RSS. Meanwhile this process appends to the
 * organization being archived, four at a time (the standalone appender, as requests do), and compares that
 * rate with the same appends just before, without archiving. Issue 18's targets: ≥ 50,000/s to the directory,
 * ≥ 20,000/s to the local S3 server, verification ≥ 100,000/s, peak RSS ≤ 256 MB, appends during archiving
 * ≥ 0.8 × appends without it.
 *
 *   DATABASE_URL=postgresql://… npm run bench:archive
 *
 * Prints one JSON object on stdout, progress on stderr.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { connectDb, type Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/orgs/create-organization";
import { startS3Server } from "@/lib/testing/s3-server";
import { seedAuditEntries } from "./audit-seed";
import { withBenchDatabase } from "./bench-database";
import { benchLog, driveConcurrently, machine, round } from "./measure";

const ENTRIES = Number(process.env.ARCHIVE_BENCH_ENTRIES ?? 1_000_000);
const BASELINE_SECONDS = 10;
const WRITERS = 4;
const TARGETS = {
  directoryPerSecond: 50_000,
  s3PerSecond: 20_000,
  verifyPerSecond: 100_000,
  peakRssMb: 256,
  appendsRatio: 0.8,
};

async function createOrg(db: Db, name: string): Promise<string> {
  const user = await db.user.create({ data: { email: `${name}@example.test`, name, passwordHash: "x" } });
  const org = await db.$transaction((tx) =>
    createOrganization(tx, { name, ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
  );
  return org.id;
}

/** Appends to the organization until `stop()`, WRITERS at a time: appends per second. */
async function appendWhile(db: Db, orgId: string, stop: () => boolean, maxSeconds = Infinity) {
  const drive = await driveConcurrently({
    total: Number.MAX_SAFE_INTEGER,
    concurrency: WRITERS,
    maxSeconds,
    stop,
    op: (n) =>
      appendAuditEntryOnItsOwn(db, {
        orgId,
        action: "custom.bench.event",
        actor: { type: "api_key", id: "key_bench", display: "bench key" },
        context: { ip: "203.0.113.7", userAgent: "verity-bench/1.0", geo: null, requestId: `append-${n}` },
        metadata: { n, source: "benchmark" },
      }),
  });
  return { appends: drive.done, seconds: round(drive.seconds, 2), perSecond: Math.round(drive.done / drive.seconds) };
}

type RunResult = {
  entries: number;
  segments: number;
  archiveSeconds: number;
  verifySeconds: number;
  rssAtStart: number;
  peakRss: number;
};

/** bench/archive-run.ts in a child process; `phase` is told each phase as the child starts it. */
function archiveRun(url: string, orgId: string, where: string, phase: (name: string) => void): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // The address in the environment, not the command line, where ps would show a password in it.
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/archive-run.ts", orgId, where],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, BENCH_ARCHIVE_DATABASE_URL: url } },
    );
    let result: RunResult | null = null;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = JSON.parse(line) as { phase?: string } & RunResult;
      if (message.phase) phase(message.phase);
      else result = message;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      phase("done");
      if (code !== 0 || !result) return reject(new Error(`the archive run exited with ${code}`));
      resolve(result);
    });
  });
}

async function measure(db: Db, url: string, orgId: string, name: string, where: string) {
  const without = await appendWhile(db, orgId, () => false, BASELINE_SECONDS);
  benchLog(`${name}: ${without.perSecond} appends/s without archiving; archiving to ${where}`);
  let phase = "starting";
  const run = archiveRun(url, orgId, where, (next) => (phase = next));
  while (phase === "starting") await new Promise((resolve) => setTimeout(resolve, 5));
  const during = await appendWhile(db, orgId, () => phase !== "archiving");
  const figures = await run;
  const result = {
    archived: figures.entries,
    segments: figures.segments,
    archivePerSecond: Math.round(figures.entries / figures.archiveSeconds),
    verifyPerSecond: Math.round(figures.entries / figures.verifySeconds),
    rssAtStartMb: round(figures.rssAtStart / 2 ** 20, 1),
    peakRssMb: round(figures.peakRss / 2 ** 20, 1),
    appendsWithout: without,
    appendsDuring: during,
    appendsRatio: round(during.perSecond / without.perSecond, 2),
  };
  benchLog(`${name}: ${JSON.stringify(result)}`);
  return result;
}

const result = await withBenchDatabase(async (url) => {
  const db = connectDb(url);
  const root = await mkdtemp(path.join(tmpdir(), "verity-archive-bench-"));
  const s3 = await startS3Server("verity-bench");
  try {
    const loadAtStart = machine();
    const directoryOrg = await createOrg(db, "archive-directory");
    const s3Org = await createOrg(db, "archive-s3");
    let started = performance.now();
    await seedAuditEntries(url, [
      { id: directoryOrg, entries: ENTRIES },
      { id: s3Org, entries: ENTRIES },
    ]);
    benchLog(`seeded in ${round((performance.now() - started) / 1000, 1)} s`);
    started = performance.now();
    for (const orgId of [directoryOrg, s3Org]) await checkpointNow(db, orgId);
    benchLog(`signed in ${round((performance.now() - started) / 1000, 1)} s`);
    const directory = await measure(db, url, directoryOrg, "directory", root);
    const s3Figures = await measure(db, url, s3Org, "s3", `${s3.endpoint}/verity-bench`);
    const verifyPerSecond = Math.min(directory.verifyPerSecond, s3Figures.verifyPerSecond);
    return {
      entries: ENTRIES,
      machine: { ...loadAtStart, loadAverageAtEnd: machine().loadAverage },
      directory,
      s3: s3Figures,
      targets: TARGETS,
      met: {
        directoryPerSecond: directory.archivePerSecond >= TARGETS.directoryPerSecond,
        s3PerSecond: s3Figures.archivePerSecond >= TARGETS.s3PerSecond,
        verifyPerSecond: verifyPerSecond >= TARGETS.verifyPerSecond,
        peakRssMb: Math.max(directory.peakRssMb, s3Figures.peakRssMb) <= TARGETS.peakRssMb,
        appendsRatio: Math.min(directory.appendsRatio, s3Figures.appendsRatio) >= TARGETS.appendsRatio,
      },
    };
  } finally {
    await s3.stop();
    await rm(root, { recursive: true, force: true });
    await db.$disconnect();
  }
});
if (result) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
