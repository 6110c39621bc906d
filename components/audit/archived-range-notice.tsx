import type { ArchivedRangeView } from "@/lib/lifecycle/archive/archived-range-view";
import { utcMinute } from "./archive-reach";

function Command({ children }: { children: string }) {
  return <code className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs text-slate-800">{children}</code>;
}

/**
 * Says which part of the trail left PostgreSQL for the archive, and how an operator checks and restores it;
 * nothing when nothing is archived. The trail is still one chain: the hot entries link to the archive's last hash.
 */
export function ArchivedRangeNotice({ orgSlug, archived }: { orgSlug: string; archived: ArchivedRangeView | null }) {
  if (!archived) return null;
  const { throughSeq, lastArchivedAt, segments } = archived;
  return (
    <section
      aria-label="Archived entries"
      data-testid="archived-range"
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <p className="font-medium">
        Entries 1–{throughSeq} (up to {utcMinute(lastArchivedAt)}) are in the archive ({segments}{" "}
        {segments === 1 ? "segment" : "segments"}).
      </p>
      <p>
        They left the database when they passed the hot window and are not listed here; a search whose dates reach into
        them offers to read them from the archive, and exports and chain verification include them. Each segment was
        verified against a signed checkpoint before its entries were removed, and the entries below continue the same
        hash chain from the archive&apos;s last entry.
      </p>
      <ul className="space-y-1">
        <li>
          Check every segment: <Command>{`verity archive verify --org ${orgSlug}`}</Command>
        </li>
        <li>
          Restore a range as a verifiable bundle:{" "}
          <Command>{`verity archive restore --org ${orgSlug} --from 1 --to ${throughSeq} --out archive.bundle.ndjson`}</Command>
        </li>
      </ul>
    </section>
  );
}
