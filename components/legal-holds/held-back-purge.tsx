import type { HeldPurgeView } from "@/lib/lifecycle/archive/held-purge-view";
import { count } from "./legal-hold-format";

/**
 * Whether the archive's purge at the end of retention is being held back by this hold now: the archived segments
 * past retention it covers, which stay in the archive while it is active.
 */
export function HeldBackPurge({ held, active }: { held: HeldPurgeView | undefined; active: boolean }) {
  if (!active) return <span className="text-slate-500">—</span>;
  if (!held) return <span className="text-slate-600">No archived segment is past retention under it</span>;
  const ranges = held.ranges.map((range) => `${range.fromSeq}–${range.toSeq}`).join(", ");
  return (
    <span className="text-amber-900" data-testid="held-back-purge">
      Holding back the purge of {held.segments} archived {held.segments === 1 ? "segment" : "segments"} past retention (
      {count(held.entries)} {held.entries === 1 ? "entry" : "entries"}: {ranges}
      {held.segments > held.ranges.length ? ", …" : ""})
    </span>
  );
}
