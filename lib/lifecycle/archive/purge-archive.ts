import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { ZBundleEntry } from "@/lib/audit/export/audit-bundle-format";
import type { Db } from "@/lib/db/client";
import { holdsCoveringRange } from "../legal-holds-covering";
import { retentionPolicyOf } from "../retention-policy";
import type { ArchiveStore } from "./archive-store";
import { segmentName, segmentsFromPrefix } from "./segment-format";
import { gunzippedLines } from "./verify-segment";

export type PurgedSegment = { fromSeq: bigint; toSeq: bigint; key: string };
export type HeldSegment = { fromSeq: bigint; toSeq: bigint; holds: string[] };
/** A segment past retention whose object is missing, unreadable or not the one archived: named, never purged. */
export type UnreadableSegment = { fromSeq: bigint; toSeq: bigint; key: string };
export type PurgeRun = { purged: PurgedSegment[]; held: HeldSegment[]; unreadable: UnreadableSegment[] };

type DueRow = {
  from_seq: bigint;
  to_seq: bigint;
  object_key: string;
  object_sha256: string;
  /** The earliest and latest occurred_at of its entries (first and last for a segment recorded without them). */
  min_occurred_at: Date;
  max_occurred_at: Date;
};

const DAY_MS = 86_400_000;

/**
 * The segment's entries as read back from the store, for the legal-hold check; null when the object is missing,
 * unreadable or not the one archived (its SHA-256 differs): then a people or search hold counts as covering the
 * segment (holdsCoveringRange fails closed), so an altered object can never talk its way past a hold.
 */
async function entriesOf(store: ArchiveStore, row: DueRow): Promise<TAuditEntryView[] | null> {
  const body = await store.read(row.object_key);
  if (!body) return null;
  const object = gunzippedLines(body);
  const entries: TAuditEntryView[] = [];
  try {
    for await (const line of object.lines) {
      if (line === "") continue;
      const parsed = ZBundleEntry.safeParse(JSON.parse(line));
      if (!parsed.success) return null;
      entries.push({ ...parsed.data, seq: String(parsed.data.seq) });
    }
  } catch {
    return null;
  }
  return object.stored().sha256 === row.object_sha256 ? entries : null;
}

/** Deletes what is left of a purged segment in the store: its entries object, then its manifest. */
async function deleteObjects(store: ArchiveStore, orgId: string, fromSeq: bigint, toSeq: bigint) {
  const name = segmentName(orgId, fromSeq, toSeq);
  for (const key of await store.list(segmentsFromPrefix(orgId, fromSeq)))
    if (key.startsWith(`${name}.`)) await store.delete(key);
}

/**
 * Purges one organization's archive at the end of its retention: every archived segment whose newest entry is
 * older than the retention (none while it is "keep forever") is deleted from the store, unless an active legal
 * hold covers any of its entries (checked on the entries read back from the store). Each purge is recorded in
 * audit_archive_purges with an `audit.purged` entry, in one transaction; the Merkle tree keeps the purged leaves.
 *
 * Order, for crash safety: record first, delete after. A run that dies after recording leaves objects that the
 * next run deletes (it deletes what remains of every recorded purge), and verification already calls the range
 * purged. The other order could leave objects deleted with no record: a range verification must then call
 * missing, indistinguishable from an attack on the archive.
 */
export async function purgeArchive(
  db: Db,
  store: ArchiveStore,
  { orgId, now = new Date() }: { orgId: string; now?: Date },
): Promise<PurgeRun> {
  const purges = await db.$queryRaw<{ from_seq: bigint; to_seq: bigint }[]>`
    SELECT from_seq, to_seq FROM audit_archive_purges WHERE org_id = ${orgId}::uuid ORDER BY from_seq`;
  for (const purge of purges) await deleteObjects(store, orgId, purge.from_seq, purge.to_seq);
  const run: PurgeRun = { purged: [], held: [], unreadable: [] };
  const { retentionDays } = await retentionPolicyOf(db, orgId);
  if (retentionDays === null) return run;
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const due = await db.$queryRaw<DueRow[]>`
    SELECT s.from_seq, s.to_seq, s.object_key, s.object_sha256,
           coalesce(s.min_occurred_at, s.first_occurred_at) AS min_occurred_at,
           coalesce(s.max_occurred_at, s.last_occurred_at) AS max_occurred_at
      FROM audit_archive_segments s
     WHERE s.org_id = ${orgId}::uuid AND coalesce(s.max_occurred_at, s.last_occurred_at) < ${cutoff}
       AND NOT EXISTS (SELECT 1 FROM audit_archive_purges p WHERE p.org_id = s.org_id AND p.from_seq = s.from_seq)
     ORDER BY s.from_seq`;
  for (const row of due) {
    const entries = await entriesOf(store, row);
    // A missing or altered object is not a purge: recording it would make a damaged archive look like retention at
    // work. It is named (the CLI and the worker's log) for `verity archive verify` to show what happened to it.
    if (entries === null) {
      run.unreadable.push({ fromSeq: row.from_seq, toSeq: row.to_seq, key: row.object_key });
      continue;
    }
    const range = {
      fromSeq: row.from_seq,
      toSeq: row.to_seq,
      fromTime: row.min_occurred_at,
      toTime: row.max_occurred_at,
    };
    const outcome = await db.$transaction(
      async (tx): Promise<{ held: string[] } | { purged: boolean } | { retained: true }> => {
        // The holds are read under the chain head's lock, which placing a hold takes too (its legal_hold.created):
        // a hold that committed first is seen here, and one placed after comes after audit.purged in the chain.
        // So is the retention (a change to it is audited too): one extended meanwhile keeps the segment.
        await tx.$queryRaw`SELECT 1 FROM audit_chain_heads WHERE org_id = ${orgId}::uuid FOR UPDATE`;
        const policy = await retentionPolicyOf(tx, orgId);
        if (
          policy.retentionDays === null ||
          row.max_occurred_at.getTime() + policy.retentionDays * DAY_MS >= now.getTime()
        )
          return { retained: true };
        const holds = await holdsCoveringRange(tx, orgId, range, entries);
        if (holds.length > 0) return { held: holds.map((hold) => hold.name) };
        const recorded = await tx.$executeRaw`
        INSERT INTO audit_archive_purges (org_id, from_seq, to_seq, object_key, object_sha256, purged_at)
        VALUES (${orgId}::uuid, ${row.from_seq}, ${row.to_seq}, ${row.object_key}, ${row.object_sha256}, ${now})
        ON CONFLICT DO NOTHING`;
        if (recorded === 0) return { purged: false }; // another run recorded it first, and audited it
        await appendAuditEntry(tx, {
          orgId,
          action: "audit.purged",
          actor: SYSTEM_ACTOR,
          target: { type: "archive_segment", id: row.object_key, display: `entries ${row.from_seq}..${row.to_seq}` },
          metadata: {
            fromSeq: String(row.from_seq),
            toSeq: String(row.to_seq),
            objectKey: row.object_key,
            objectSha256: row.object_sha256,
            lastOccurredAt: row.max_occurred_at.toISOString(),
            retentionDays: policy.retentionDays,
          },
        });
        return { purged: true };
      },
    );
    if ("held" in outcome) {
      run.held.push({ fromSeq: row.from_seq, toSeq: row.to_seq, holds: outcome.held });
      continue;
    }
    if ("retained" in outcome) continue;
    await deleteObjects(store, orgId, row.from_seq, row.to_seq);
    if (outcome.purged) run.purged.push({ fromSeq: row.from_seq, toSeq: row.to_seq, key: row.object_key });
  }
  return run;
}
