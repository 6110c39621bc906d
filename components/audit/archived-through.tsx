/**
 * What a chain verification says of the archived prefix: the hot chain was checked from the entry after it, linked
 * to the archive's last hash; the archived entries themselves are checked by the archive's own verification.
 */
export function ArchivedThrough({ seq, className = "" }: { seq: string | undefined; className?: string }) {
  if (!seq || seq === "0") return null;
  return (
    <p className={className} data-testid="verify-archived">
      Entries 1–{seq} are archived and checked by <code className="font-mono">verity archive verify</code>; this
      verification started at #{(BigInt(seq) + 1n).toString()}, linked to the archive&apos;s last entry.
    </p>
  );
}
