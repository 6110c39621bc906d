import type { EntryInclusionView } from "@/lib/audit/published/checkpoint-view";

/** The drawer's section on the entry's place in the latest signed checkpoint, as the server verified it. */
export function EntryInclusion({ inclusion }: { inclusion: EntryInclusionView | undefined }) {
  if (!inclusion) return null;
  return (
    <section aria-label="Checkpoint" data-testid="entry-inclusion">
      <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">Checkpoint</h3>
      {inclusion.status === "included" ? (
        <>
          <p className="font-medium text-emerald-800">Included in checkpoint {inclusion.checkpointSize} ✓</p>
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer text-slate-600">
              Inclusion proof: leaf {inclusion.leafIndex}, {inclusion.proof.length} hash
              {inclusion.proof.length === 1 ? "" : "es"}, verified against the checkpoint&apos;s root
            </summary>
            <p className="mt-1 text-slate-600">
              Root of checkpoint {inclusion.checkpointSize}:{" "}
              <span className="font-mono break-all text-slate-800" data-testid="inclusion-root">
                {inclusion.rootHash}
              </span>
            </p>
            {inclusion.proof.length > 0 ? (
              <ol
                aria-label="Inclusion proof hashes"
                className="mt-1 list-decimal space-y-0.5 pl-5 font-mono break-all text-slate-800"
              >
                {inclusion.proof.map((hash, i) => (
                  <li key={i}>{hash}</li>
                ))}
              </ol>
            ) : (
              <p className="mt-1 text-slate-600">The checkpoint holds this entry alone: its leaf is the root.</p>
            )}
          </details>
        </>
      ) : inclusion.status === "failed" ? (
        <p role="alert" className="font-medium text-red-700">
          Not proven in checkpoint {inclusion.checkpointSize}: {inclusion.reason}
        </p>
      ) : (
        <p className="text-slate-600">
          Not yet covered by a checkpoint
          {inclusion.checkpointSize ? ` (the latest covers entries 1 to ${inclusion.checkpointSize})` : ""}.
        </p>
      )}
    </section>
  );
}
