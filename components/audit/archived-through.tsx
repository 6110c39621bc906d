import type { ArchiveCheckView } from "@/lib/audit/verification-view";

/**
 * What a chain verification says of the archived prefix: its segments were read back from the archive and checked
 * first (each against its record and its signed checkpoint), and the hot chain from the next entry on links to the
 * archive's last hash: one chain. Without `archive` (a result from before the archive was checked with the chain),
 * it says only where the hot chain started.
 */
export function ArchivedThrough({
  seq,
  archive,
  className = "",
}: {
  seq: string | undefined;
  archive?: ArchiveCheckView | null;
  className?: string;
}) {
  if (!seq || seq === "0") return null;
  const next = (BigInt(seq) + 1n).toString();
  if (!archive)
    return (
      <p className={className} data-testid="verify-archived">
        Entries 1–{seq} are archived; this verification started at #{next}, linked to the archive&apos;s last entry.
      </p>
    );
  const purged = archive.purged ? `, ${archive.purged} purged at the end of retention` : "";
  return (
    <div className={className} data-testid="verify-archived">
      <p>
        Entries 1–{seq} are archived: {archive.segments} {archive.segments === 1 ? "segment" : "segments"} read back and
        checked first ({Number(archive.entries).toLocaleString()} entries{purged}), then the entries from #{next} on,
        linked to the archive&apos;s last entry.
      </p>
      {archive.problems.map((problem) => (
        <p key={problem.name} className="font-medium" data-testid="verify-archive-problem">
          Segment {problem.name} (entries {problem.fromSeq}–{problem.toSeq}) is {problem.problem}: {problem.reason}
        </p>
      ))}
    </div>
  );
}
