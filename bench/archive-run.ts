/**
 * One archive run in a process of its own, for bench/archive.ts: archives an organization's chain (archiveOrg:
 * write, read back and verify, record, prune) to a directory or an S3-compatible server, then verifies the
 * archive (verifyArchive). Its peak resident memory is then the archiver's, not the seeding's.
 *
 *   BENCH_ARCHIVE_DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/archive-run.ts \
 *     <org id> <directory path | http://s3-endpoint/bucket>
 *
 * Prints one JSON line per phase on stdout ({"phase":"archiving"}, {"phase":"verifying"}) so the caller can time
 * what runs beside each, then the result: entries, segments, seconds of each phase, RSS at start and peak RSS
 * (sampled every 20 ms).
 */
import { archiveOrg } from "@/lib/lifecycle/archive/archive-org";
import type { ArchiveStore } from "@/lib/lifecycle/archive/archive-store";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { s3Store } from "@/lib/lifecycle/archive/s3-store";
import { verifyArchive } from "@/lib/lifecycle/archive/verify-archive";
import { connectDb } from "@/lib/db/client";
import { sampleRss, timed } from "./measure";

const url = process.env.BENCH_ARCHIVE_DATABASE_URL;
const [orgId, where] = process.argv.slice(2);
if (!url || !orgId || !where) {
  process.stderr.write(
    "usage: BENCH_ARCHIVE_DATABASE_URL=… archive-run.ts <org id> <directory | http://endpoint/bucket>\n",
  );
  process.exit(2);
}

function storeOf(location: string): ArchiveStore {
  if (!/^https?:\/\//.test(location)) return directoryStore(location);
  const address = new URL(location);
  return s3Store({
    bucket: address.pathname.slice(1),
    endpoint: address.origin,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
  });
}

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const db = connectDb(url);
await db.$queryRaw`SELECT 1`; // connected, as the worker is before its archive job
const store = storeOf(where);
const memory = sampleRss(20);
say({ phase: "archiving" });
const archived = await timed(() => archiveOrg(db, store, { orgId, olderThanDays: 0 }));
say({ phase: "verifying" });
const verified = await timed(() => verifyArchive(db, store, orgId));
const { rssAtStart, peakRss } = memory.stop();
await db.$disconnect();
const broken = verified.result.find((report) => report.problem);
if (broken) throw new Error(`the archive does not verify: ${broken.name}: ${broken.reason}`);
say({
  entries: archived.result.reduce((sum, segment) => sum + segment.count, 0),
  segments: archived.result.length,
  archiveSeconds: archived.ms / 1000,
  verifySeconds: verified.ms / 1000,
  rssAtStart,
  peakRss,
});
