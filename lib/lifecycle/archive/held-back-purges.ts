import "server-only";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { Db } from "@/lib/db/client";
import { holdsCoveringRange } from "../legal-holds-covering";
import { retentionPolicyOf } from "../retention-policy";
import type { ArchiveStore } from "./archive-store";
import { archivedEntryLines, archivedEntryView, archivedSegments, type ArchivedSegment } from "./archived-segments";
import type { HeldPurgeView } from "./held-purge-view";

const DAY_MS = 86_400_000;
const SHOWN_RANGES = 5;

/** The segment's entries read back (checked against the record), or undefined when it cannot be: then it counts as held. */
async function entriesOf(store: ArchiveStore, segment: ArchivedSegment): Promise<TAuditEntryView[] | undefined> {
  const entries: TAuditEntryView[] = [];
  try {
    for await (const { entry } of archivedEntryLines(store, segment)) entries.push(archivedEntryView(entry));
  } catch {
    return undefined;
  }
  return entries;
}

/**
 * For each active legal hold (by id), the archived segments past the organization's retention that it covers: what
 * the purge (purge-archive.ts) is holding back because of it now, by the same test (holdsCoveringRange). A people or
 * search hold is tested on the segment's entries read back from `store` (opened only then); a segment that cannot
 * be read counts as covered, as it does for the purge. Holds holding nothing back are absent.
 */
export async function heldBackPurges(
  db: Db,
  { orgId, openStore, now = new Date() }: { orgId: string; openStore: () => Promise<ArchiveStore>; now?: Date },
): Promise<Record<string, HeldPurgeView>> {
  const { retentionDays } = await retentionPolicyOf(db, orgId);
  if (retentionDays === null) return {};
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const due = (await archivedSegments(db, orgId)).filter(
    (segment) => !segment.purgedAt && segment.maxOccurredAt.getTime() < cutoff,
  );
  const held: Record<string, HeldPurgeView> = {};
  if (due.length === 0) return held;
  // Whole-org and date holds are decided on the segment's record; people and searches need its entries.
  const needsEntries =
    (await db.legalHold.count({ where: { orgId, releasedAt: null, scopeKind: { in: ["people", "query"] } } })) > 0;
  let store: ArchiveStore | null = null;
  for (const segment of due) {
    const range = {
      fromSeq: segment.fromSeq,
      toSeq: segment.toSeq,
      fromTime: segment.minOccurredAt,
      toTime: segment.maxOccurredAt,
    };
    const entries = needsEntries ? await entriesOf((store ??= await openStore()), segment) : undefined;
    for (const hold of await holdsCoveringRange(db, orgId, range, entries)) {
      const view = (held[hold.id] ??= { segments: 0, entries: 0, ranges: [] });
      view.segments++;
      view.entries += Number(segment.toSeq - segment.fromSeq + 1n);
      if (view.ranges.length < SHOWN_RANGES)
        view.ranges.push({ fromSeq: segment.fromSeq.toString(), toSeq: segment.toSeq.toString() });
    }
  }
  return held;
}
