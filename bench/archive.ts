/**
 * The archive (lib/lifecycle/archive) on PostgreSQL: one organization with ARCHIVE_BENCH_ENTRIES entries (default
 * 1,000,000) is signed, then archived to a directory store and, in a second organization, to an s3rver on
 * loopback: entries per second of each whole run (write, read back, verify, record, prune), verifyArchive's rate
 * over the archive, and this process's peak RSS. Issue 18's targets: ≥ 50,000/s to the directory, ≥ 20,000/s to
 * the local S3 server, verification ≥ 100,000/s, peak RSS ≤ 256 MB. (Appends during archiving vs without are
 * not measured yet.)
 *
 *   DATABASE_URL=postgresql://… npm run bench:archive
 *
 * Prints one JSON object on stdout, progress on stderr.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareAuditEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditBatch } from "@/lib/audit/append-batch";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { connectDb, type Db } from "@/lib/db/client";
import { archiveOrg } from "@/lib/lifecycle/archive/archive-org";
import type { ArchiveStore } from "@/lib/lifecycle/archive/archive-store";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { s3Store } from "@/lib/lifecycle/archive/s3-store";
import { verifyArchive } from "@/lib/lifecycle/archive/verify-archive";
import { createOrganization } from "@/lib/orgs/create-organization";
import { startS3Server } from "@/lib/testing/s3-server";
import { withBenchDatabase } from "./bench-database";
import { benchLog, round } from "./measure";

const ENTRIES = Number(process.env.ARCHIVE_BENCH_ENTRIES ?? 1_000_000);

async function orgWithEntries(db: Db, name: string): Promise<string> {
  const org = await db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: `${name}@example.test`, name, passwordHash: "x" } });
    const actor = { type: "user" as const, id: user.id, display: user.email };
    return createOrganization(tx, { name, ownerId: user.id, actor, context: null });
  });
  for (let done = 1; done < ENTRIES; done += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, ENTRIES - done) }, (_, i) =>
      prepareAuditEntry({
        orgId: org.id,
        action: "custom.bench.event",
        actor: { type: "system", id: null, display: "bench" },
        context: { ip: "203.0.113.7", userAgent: "verity-bench/1.0", geo: null, requestId: `req-${done + i}` },
        metadata: { n: done + i, source: "benchmark" },
      }),
    );
    await appendAuditBatch(db, batch);
  }
  await checkpointNow(db, org.id);
  return org.id;
}

async function measure(db: Db, store: ArchiveStore, name: string) {
  const orgId = await orgWithEntries(db, name);
  benchLog(`${name}: ${ENTRIES} entries signed; archiving to ${store.description}`);
  let started = performance.now();
  const segments = await archiveOrg(db, store, { orgId, olderThanDays: 0 });
  const archiveMs = performance.now() - started;
  const archived = segments.reduce((sum, segment) => sum + segment.count, 0);
  started = performance.now();
  const reports = await verifyArchive(db, store, orgId);
  const verifyMs = performance.now() - started;
  if (reports.some((report) => report.problem)) throw new Error(`${name}: the archive does not verify`);
  return {
    archived,
    segments: segments.length,
    archivePerSecond: Math.round(archived / (archiveMs / 1000)),
    verifyPerSecond: Math.round(archived / (verifyMs / 1000)),
  };
}

const result = await withBenchDatabase(async (url) => {
  const db = connectDb(url);
  const root = await mkdtemp(path.join(tmpdir(), "verity-archive-bench-"));
  const s3 = await startS3Server("verity-bench");
  try {
    const directory = await measure(db, directoryStore(root), "archive-directory");
    const bucket = s3Store({
      bucket: "verity-bench",
      endpoint: s3.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      forcePathStyle: true,
    });
    const s3Figures = await measure(db, bucket, "archive-s3");
    return {
      entries: ENTRIES,
      directory,
      s3: s3Figures,
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
      targets: { directoryPerSecond: 50_000, s3PerSecond: 20_000, verifyPerSecond: 100_000, peakRssMb: 256 },
    };
  } finally {
    await s3.stop();
    await rm(root, { recursive: true, force: true });
    await db.$disconnect();
  }
});
if (result) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
