import "server-only";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { TBundleEntry } from "@/lib/audit/export/audit-bundle-format";
import type { Db, Tx } from "@/lib/db/client";
import type { ArchiveStore } from "./archive-store";
import { segmentName } from "./segment-format";
import { gunzippedLines } from "./verify-segment";

/** A segment as the archive recorded it when it was written (audit_archive_segments), and whether it was purged. */
export type ArchivedSegment = {
  name: string;
  fromSeq: bigint;
  toSeq: bigint;
  firstPrevHash: string;
  lastHash: string;
  objectKey: string;
  objectSha256: string;
  firstOccurredAt: Date;
  lastOccurredAt: Date;
  /** The earliest and latest occurredAt of its entries (first and last for a segment recorded without them). */
  minOccurredAt: Date;
  maxOccurredAt: Date;
  purgedAt: Date | null;
};

/** Why archived entries cannot be read: their segment is missing or is not the one archived, named with its range. */
export class ArchivedSegmentUnreadable extends Error {
  constructor(
    readonly segment: ArchivedSegment,
    readonly problem: "missing" | "altered",
    reason: string,
  ) {
    super(`segment ${segment.name} (entries ${segment.fromSeq}..${segment.toSeq}) is ${problem}: ${reason}`);
    this.name = "ArchivedSegmentUnreadable";
  }
}

type Row = {
  from_seq: bigint;
  to_seq: bigint;
  first_prev_hash: string;
  last_hash: string;
  object_key: string;
  object_sha256: string;
  first_occurred_at: Date;
  last_occurred_at: Date;
  min_occurred_at: Date;
  max_occurred_at: Date;
  purged_at: Date | null;
};

/** The organization's recorded segments that hold any of fromSeq..toSeq (default: all), oldest first. */
export async function archivedSegments(
  db: Db | Tx,
  orgId: string,
  { fromSeq = 1n, toSeq = BigInt(Number.MAX_SAFE_INTEGER) }: { fromSeq?: bigint; toSeq?: bigint } = {},
): Promise<ArchivedSegment[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.from_seq, s.to_seq, s.first_prev_hash, s.last_hash, s.object_key, s.object_sha256,
           s.first_occurred_at, s.last_occurred_at, coalesce(s.min_occurred_at, s.first_occurred_at) AS min_occurred_at,
           coalesce(s.max_occurred_at, s.last_occurred_at) AS max_occurred_at, p.purged_at
      FROM audit_archive_segments s
      LEFT JOIN audit_archive_purges p ON p.org_id = s.org_id AND p.from_seq = s.from_seq
     WHERE s.org_id = ${orgId}::uuid AND s.to_seq >= ${fromSeq} AND s.from_seq <= ${toSeq} ORDER BY s.from_seq`;
  return rows.map((row) => ({
    name: segmentName(orgId, row.from_seq, row.to_seq),
    fromSeq: row.from_seq,
    toSeq: row.to_seq,
    firstPrevHash: row.first_prev_hash,
    lastHash: row.last_hash,
    objectKey: row.object_key,
    objectSha256: row.object_sha256,
    firstOccurredAt: row.first_occurred_at,
    lastOccurredAt: row.last_occurred_at,
    minOccurredAt: row.min_occurred_at,
    maxOccurredAt: row.max_occurred_at,
    purgedAt: row.purged_at,
  }));
}

/** An entry line read back from a segment: its text exactly as archived (a bundle line) and its parsed entry. */
export type ArchivedLine = { line: string; entry: TBundleEntry };

/**
 * The segment's entry lines whose seqs lie in fromSeq..toSeq, in order, read from the store. The whole object is
 * read even when the range ends early, and checked against what the archive recorded once it verified the segment:
 * seqs contiguous from its first, the first line linked to its first prev-hash, the last line's hash, and the
 * SHA-256 of the object as stored. A segment that fails throws ArchivedSegmentUnreadable, naming it: after the
 * lines before the fault were yielded, so a stream of them ends in an error instead of a quiet gap.
 */
export async function* archivedEntryLines(
  store: ArchiveStore,
  segment: ArchivedSegment,
  { fromSeq = segment.fromSeq, toSeq = segment.toSeq }: { fromSeq?: bigint; toSeq?: bigint } = {},
): AsyncGenerator<ArchivedLine> {
  if (segment.purgedAt)
    throw new ArchivedSegmentUnreadable(
      segment,
      "missing",
      `purged at the end of retention, ${segment.purgedAt.toISOString()}`,
    );
  const body = await store.read(segment.objectKey);
  if (!body)
    throw new ArchivedSegmentUnreadable(segment, "missing", `its entries object ${segment.objectKey} is missing`);
  const altered = (reason: string) => new ArchivedSegmentUnreadable(segment, "altered", reason);
  const object = gunzippedLines(body);
  let expected = Number(segment.fromSeq);
  let prevHash = segment.firstPrevHash;
  const [from, to] = [Number(fromSeq), Number(toSeq)];
  try {
    for await (const line of object.lines) {
      if (line === "") continue;
      const entry = JSON.parse(line) as TBundleEntry;
      if (entry.seq !== expected) throw altered(`entry ${expected} is not where it belongs`);
      if (entry.prevHash !== prevHash) throw altered(`entry ${expected} does not link to the entry before it`);
      prevHash = entry.hash;
      expected++;
      if (entry.seq >= from && entry.seq <= to) yield { line, entry };
    }
  } catch (error) {
    if (error instanceof ArchivedSegmentUnreadable) throw error;
    throw altered(`its entries object cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (BigInt(expected - 1) !== segment.toSeq || prevHash !== segment.lastHash)
    throw altered("its last entry is not the one archived");
  if (object.stored().sha256 !== segment.objectSha256)
    throw altered("its entries object is not the one archived: its SHA-256 differs from the recorded one");
}

/** An archived entry in the shape every entry leaves the server in (audit-entry-view.ts), keys in the view's order. */
export function archivedEntryView(entry: TBundleEntry): TAuditEntryView {
  return {
    id: entry.id,
    orgId: entry.orgId,
    seq: String(entry.seq),
    occurredAt: entry.occurredAt,
    category: entry.category,
    action: entry.action,
    actor: { type: entry.actor.type, id: entry.actor.id, display: entry.actor.display },
    target: entry.target && { type: entry.target.type, id: entry.target.id, display: entry.target.display },
    outcome: entry.outcome,
    ip: entry.ip,
    userAgent: entry.userAgent,
    geo: entry.geo && { country: entry.geo.country, region: entry.geo.region, city: entry.geo.city },
    requestId: entry.requestId,
    metadata: entry.metadata,
    contentHash: entry.contentHash,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}
