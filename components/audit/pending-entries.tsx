/**
 * What a chain verification says of entries whose change has committed but which are not linked into the chain
 * yet (they are linked right after their commit, or by the worker within seconds when the process that committed
 * them stopped first): they were not checked, and they are neither missing nor a break. Nothing when there are none.
 */
export function PendingEntries({ count, className = "" }: { count: number | undefined; className?: string }) {
  if (!count) return null;
  return (
    <p className={className} data-testid="verify-pending">
      {count.toLocaleString("en-US")} committed {count === 1 ? "entry was" : "entries were"} still waiting to be linked
      into the chain and not checked; they are linked within seconds. Verify again to include{" "}
      {count === 1 ? "it" : "them"}.
    </p>
  );
}
