import type { CheckpointCheck } from "./verify-against-checkpoints";

/** One line on what the entries were checked against: `verity audit verify` prints it under the chain's. */
export function describeCheckpointCheck(check: CheckpointCheck): string {
  if (check.problem) return `checkpoints: ${check.problem.detail}`;
  const against = check.against
    ? `${check.checked} signed checkpoint(s) hold, the latest at size ${check.against.size} ` +
      `(root ${check.against.rootHash}, key ${check.against.keyId}, signed ${check.against.signedAt.toISOString()})`
    : "no signed checkpoint to check against yet";
  return check.notReached > 0
    ? `checkpoints: ${against}; ${check.notReached} later checkpoint(s) not checked: the chain breaks before them`
    : `checkpoints: ${against}`;
}
