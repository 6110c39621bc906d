import "server-only";
import { readArchivedPrefix } from "@/lib/audit/archived-prefix";
import { verifyChainAndCheckpoints } from "@/lib/audit/integrate/verify-against-checkpoints";
import { readChainHead } from "@/lib/audit/read-entry-pages";
import type { TrailVerification } from "@/lib/audit/record-verification";
import type { ArchiveCheckView } from "@/lib/audit/verification-view";
import type { Db } from "@/lib/db/client";
import type { ArchiveStore } from "./archive-store";
import { openArchiveStore } from "./open-archive-store";
import { verifyArchive } from "./verify-archive";

/**
 * Verifies the organization's whole trail as one chain: the archived segments first (verifyArchive: each read back
 * from the store, checked entry by entry, against what the archive recorded and against its signed checkpoint,
 * which must be consistent with the latest one), then the hot entries from the one after the archive, whose first
 * must link to the last archived hash, against the checkpoints above it. The database keeps the recorded segments
 * contiguous, each linked to the one before, so together these check every link from entry 1 to the head.
 * A missing or altered segment is the first break (kind "archive"), named with its range. Progress counts entries,
 * archived ones a segment at a time. The store is opened from the environment when none is given, and only when
 * something is archived.
 */
export async function verifyWholeTrail({
  db,
  orgId,
  store,
  onProgress,
}: {
  db: Db;
  orgId: string;
  store?: ArchiveStore;
  onProgress?: (checked: number, total: number) => void;
}): Promise<TrailVerification> {
  const prefix = await readArchivedPrefix(db, orgId);
  if (prefix.throughSeq === 0n)
    return {
      ...(await verifyChainAndCheckpoints({ db, orgId, ...(onProgress ? { onProgress } : {}) })),
      archive: null,
    };
  const total = Number((await readChainHead(db, orgId)).seq);
  let archivedChecked = 0;
  const reports = await verifyArchive(db, store ?? (await openArchiveStore()), orgId, (report) => {
    archivedChecked += Number(report.toSeq - report.fromSeq + 1n);
    onProgress?.(archivedChecked, total);
  });
  const checked = reports.filter((report) => !report.purgedAt);
  const archive: ArchiveCheckView = {
    segments: reports.length,
    entries: checked.reduce((sum, report) => sum + report.toSeq - report.fromSeq + 1n, 0n).toString(),
    purged: reports.length - checked.length,
    problems: reports.flatMap((report) =>
      report.problem
        ? [
            {
              name: report.name,
              fromSeq: report.fromSeq.toString(),
              toSeq: report.toSeq.toString(),
              problem: report.problem,
              reason: report.reason ?? "",
            },
          ]
        : [],
    ),
  };
  const hot = await verifyChainAndCheckpoints({
    db,
    orgId,
    onProgress: (hotChecked) => onProgress?.(archivedChecked + hotChecked, total),
  });
  const bad = archive.problems[0];
  if (!bad) return { ...hot, archive };
  const detail = `segment ${bad.name} (entries ${bad.fromSeq}..${bad.toSeq}) is ${bad.problem}: ${bad.reason}`;
  return { ...hot, ok: false, firstBad: { seq: BigInt(bad.fromSeq), kind: "archive", detail }, archive };
}
