/** The signed checkpoint a verification checked the entries against, as the verification result carries it. */
export type CheckedCheckpointView = { size: string; rootHash: string; keyId: string; signedAt: string } | null;

/** A hex hash in base64, as the signed note, the latest checkpoint panel and the entry drawer write roots. */
export function hexToBase64(hex: string): string {
  const bytes = hex.match(/../g) ?? [];
  return btoa(String.fromCharCode(...bytes.map((pair) => parseInt(pair, 16))));
}

/**
 * Under a verification's verdict: the signed checkpoint the entries were checked against (size, whole root,
 * key id, time), if any yet; the root in base64, as the signed note writes it, so it compares at a glance.
 * `intact` false: the last checkpoint the entries before the break still match.
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
            {hexToBase64(checkpoint.rootHash)}
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
