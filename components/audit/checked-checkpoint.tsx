/** The signed checkpoint a verification checked the entries against, as the verification result carries it. */
export type CheckedCheckpointView = { size: string; rootHash: string; keyId: string; signedAt: string } | null;

/**
 * Under a verification's verdict: the signed checkpoint the entries were checked against (size, whole root,
 * key id, time), if any yet. `intact` false: the last checkpoint the entries before the break still match.
 */
export function CheckedCheckpoint({
  checkpoint,
  className,
  intact = true,
}: {
  checkpoint?: CheckedCheckpointView;
  className: string;
  intact?: boolean;
}) {
  if (checkpoint === undefined) return null;
  return (
    <p className={className} data-testid="verify-checkpoint">
      {checkpoint ? (
        <>
          {intact ? "Matches the signed checkpoint" : "The entries before the break match the signed checkpoint"} at
          size {checkpoint.size}, signed{" "}
          <time dateTime={checkpoint.signedAt}>{checkpoint.signedAt.replace("T", " ").slice(0, 19)} UTC</time> by key{" "}
          <span className="font-mono" data-testid="verify-checkpoint-key-id">
            {checkpoint.keyId}
          </span>
          ; root{" "}
          <span className="font-mono break-all" data-testid="verify-checkpoint-root">
            {checkpoint.rootHash}
          </span>
          .
        </>
      ) : intact ? (
        "No signed checkpoint yet: the chain was checked on its own."
      ) : (
        "No signed checkpoint matches the entries before the break."
      )}
    </p>
  );
}
