import "server-only";
import { parseCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { parseNote } from "@/lib/audit/checkpoints/signed-note";
import { databaseTiles } from "@/lib/audit/integrate/database-tiles";
import { lastCheckpoint } from "@/lib/audit/integrate/last-checkpoint";
import { logVerifiers } from "@/lib/audit/integrate/log-verifiers";
import { consistencyProof, verifyConsistency } from "@/lib/audit/tree/proofs";
import type { Db } from "@/lib/db/client";
import type { ArchiveStore } from "./archive-store";
import { readManifest } from "./read-manifest";
import { manifestKey, segmentName } from "./segment-format";
import { verifySegment } from "./verify-segment";

export type SegmentReport = {
  name: string;
  fromSeq: bigint;
  toSeq: bigint;
  problem: "missing" | "altered" | null;
  reason: string | null;
  /** When the segment was purged at the end of retention (purge-archive.ts): its objects are gone on purpose. */
  purgedAt: Date | null;
};

type SegmentRow = {
  from_seq: bigint;
  to_seq: bigint;
  first_prev_hash: string;
  last_hash: string;
  object_key: string;
  object_sha256: string;
};

/**
 * Checks every segment the organization's archive recorded, against the store and the log: its manifest and
 * entries object are there, say what the record says (range, first prev-hash, last hash, object SHA-256), and
 * verify (verifySegment: every entry, the object's hash, the signed checkpoint and the inclusion of the last
 * entry), and the checkpoint each carries is consistent with the organization's latest checkpoint (a proof
 * from the stored tree), so the archive and the hot log are one log. Reports each segment by name and range; one
 * purged at the end of retention is reported as purged (purgedAt), not checked, and not missing.
 */
export async function verifyArchive(
  db: Db,
  store: ArchiveStore,
  orgId: string,
  /** Called as each segment's report is made (a verification's progress). */
  onSegment?: (report: SegmentReport) => void,
): Promise<SegmentReport[]> {
  const rows = await db.$queryRaw<(SegmentRow & { purged_at: Date | null })[]>`
    SELECT s.from_seq, s.to_seq, s.first_prev_hash, s.last_hash, s.object_key, s.object_sha256, p.purged_at
      FROM audit_archive_segments s
      LEFT JOIN audit_archive_purges p ON p.org_id = s.org_id AND p.from_seq = s.from_seq
     WHERE s.org_id = ${orgId}::uuid ORDER BY s.from_seq`;
  const verifiers = logVerifiers();
  const latest = await lastCheckpoint(db, orgId);
  const reports: SegmentReport[] = [];
  for (const row of rows) {
    const name = segmentName(orgId, row.from_seq, row.to_seq);
    const report = (problem: SegmentReport["problem"], reason: string | null) => {
      const made = { name, fromSeq: row.from_seq, toSeq: row.to_seq, problem, reason, purgedAt: row.purged_at };
      reports.push(made);
      onSegment?.(made);
    };
    if (row.purged_at) {
      // Deleted on purpose, recorded with audit.purged; its leaves stay in the tree, so the others still verify.
      report(null, null);
      continue;
    }
    const read = await readManifest(store, manifestKey(name));
    if ("missing" in read) {
      report("missing", `its manifest ${manifestKey(name)} is missing`);
      continue;
    }
    if ("invalid" in read) {
      report("altered", read.invalid);
      continue;
    }
    const { manifest } = read;
    const recorded =
      manifest.orgId === orgId &&
      BigInt(manifest.fromSeq) === row.from_seq &&
      BigInt(manifest.toSeq) === row.to_seq &&
      manifest.firstPrevHash === row.first_prev_hash &&
      manifest.lastHash === row.last_hash &&
      manifest.object.key === row.object_key &&
      manifest.object.sha256 === row.object_sha256;
    if (!recorded) {
      report("altered", "its manifest differs from what the archive recorded when it was written");
      continue;
    }
    const check = await verifySegment(store, manifest, verifiers);
    if (!check.ok) {
      report(check.problem, check.reason);
      continue;
    }
    const consistent = await consistentWithLatest(db, orgId, manifest.checkpoint, latest);
    report(consistent ? null : "altered", consistent ? null : "its checkpoint is not consistent with the latest one");
  }
  return reports;
}

async function consistentWithLatest(
  db: Db,
  orgId: string,
  carried: { note: string; size: number },
  latest: Awaited<ReturnType<typeof lastCheckpoint>>,
): Promise<boolean> {
  if (!latest) return false;
  const oldRoot = parseCheckpoint(parseNote(carried.note).text).rootHash;
  const newRoot = Buffer.from(latest.rootHash, "hex");
  const newSize = Number(latest.size);
  if (carried.size === newSize) return oldRoot.equals(newRoot);
  const proof = await consistencyProof(carried.size, newSize, databaseTiles(db, orgId));
  return verifyConsistency({ oldSize: carried.size, newSize, oldRoot, newRoot, proof });
}
