/** The signed checkpoint a verification checked the entries against, as the verification result carries it. */
export type CheckedCheckpointView = { size: string; rootHash: string; keyId: string; signedAt: string } | null;

/** One line under a verification's verdict: which signed checkpoint the entries matched, if any yet. */
export function CheckedCheckpoint({
  checkpoint,
  className,
}: {
  checkpoint?: CheckedCheckpointView;
  className: string;
}) {
  if (checkpoint === undefined) return null;
  return (
    <p className={className} data-testid="verify-checkpoint">
      {checkpoint ? (
        <>
          Matches the signed checkpoint at size {checkpoint.size} (root{" "}
          <span className="font-mono" title={checkpoint.rootHash}>
            {checkpoint.rootHash.slice(0, 16)}…
          </span>
          , key <span className="font-mono">{checkpoint.keyId}</span>, signed{" "}
          {checkpoint.signedAt.replace("T", " ").slice(0, 19)} UTC).
        </>
      ) : (
        "No signed checkpoint yet: the chain was checked on its own."
      )}
    </p>
  );
}
