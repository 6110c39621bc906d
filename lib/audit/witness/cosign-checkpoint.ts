import "server-only";
import type { Db } from "@/lib/db/client";
import { cosignatureTimestamp } from "../checkpoints/cosignature";
import { openNote, SignedNoteError, type NoteSignature } from "../checkpoints/signed-note";
import { databaseTiles } from "../integrate/database-tiles";
import { lastCheckpoint, type StoredCheckpoint } from "../integrate/last-checkpoint";
import { consistencyProof } from "../tree/proofs";
import { addCheckpoint, type AddCheckpointAnswer } from "./add-checkpoint";
import { cosignedSize, storeCosignature } from "./stored-cosignatures";
import type { Witness } from "./witness-config";

export type CosignOutcome =
  | { status: "none" }
  | { status: "up_to_date"; size: bigint }
  | { status: "cosigned"; size: bigint; oldSize: bigint }
  | { status: "refused"; size: bigint; reason: string }
  | { status: "invalid_cosignature"; size: bigint; reason: string }
  | { status: "unreachable"; size: bigint; reason: string };

/** The largest time a JavaScript Date (and a timestamptz) holds, in seconds. */
const MAX_DATE_SECONDS = 8_640_000_000_000n;

type Options = { fetch?: typeof globalThis.fetch; timeoutMs?: number };

/**
 * Sends the organization's latest checkpoint to one witness (C2SP tlog-witness add-checkpoint) with the
 * consistency proof from the size that witness last cosigned (0 and no proof the first time), and stores the
 * cosignature it returns once it verifies with the witness's configured key. A 409 naming another size (the
 * witness cosigned a checkpoint whose answer was lost, or its state is older than ours) is retried once from
 * that size. Nothing is stored otherwise: a refusal, a forged or missing cosignature, an unreachable witness.
 */
export async function cosignCheckpoint(
  db: Db,
  orgId: string,
  witness: Witness,
  options: Options = {},
): Promise<CosignOutcome> {
  const checkpoint = await lastCheckpoint(db, orgId);
  if (!checkpoint) return { status: "none" };
  const { size } = checkpoint;
  const cosigned = await cosignedSize(db, orgId, witness);
  if (cosigned >= size) return { status: "up_to_date", size };

  let oldSize = cosigned;
  let answer = await send(db, orgId, witness, checkpoint, oldSize, options);
  if (answer.status === "conflict" && answer.witnessSize !== null && answer.witnessSize !== oldSize) {
    if (answer.witnessSize > size) {
      const reason = `the witness has cosigned size ${answer.witnessSize}, beyond the latest checkpoint (${size})`;
      return { status: "refused", size, reason };
    }
    oldSize = answer.witnessSize;
    answer = await send(db, orgId, witness, checkpoint, oldSize, options);
  }
  switch (answer.status) {
    case "unreachable":
      return { status: "unreachable", size, reason: answer.detail };
    case "refused":
      return {
        status: "refused",
        size,
        reason: `HTTP ${answer.httpStatus}${answer.detail ? `: ${answer.detail}` : ""}`,
      };
    case "conflict":
      return { status: "refused", size, reason: conflictReason(answer.witnessSize, oldSize) };
  }
  const verified = verifiedCosignature(checkpoint.note, answer.lines, witness);
  if (typeof verified === "string") return { status: "invalid_cosignature", size, reason: verified };
  await storeCosignature(db, orgId, size, verified);
  return { status: "cosigned", size, oldSize };
}

async function send(
  db: Db,
  orgId: string,
  witness: Witness,
  checkpoint: StoredCheckpoint,
  oldSize: bigint,
  options: Options,
): Promise<AddCheckpointAnswer> {
  const proof = await consistencyProof(Number(oldSize), Number(checkpoint.size), databaseTiles(db, orgId));
  return addCheckpoint(witness, { oldSize, proof, note: checkpoint.note }, options);
}

function conflictReason(witnessSize: bigint | null, oldSize: bigint): string {
  if (witnessSize === null)
    return "HTTP 409 without the witness's size (text/x.tlog.size): a conflict we cannot resolve";
  if (witnessSize !== oldSize) return `HTTP 409 again: the witness now names size ${witnessSize} (another submission)`;
  return (
    `HTTP 409 at size ${oldSize}: the witness holds another root for a tree of this size, ` +
    "two different histories were shown to it"
  );
}

/**
 * The witness's cosignature on the checkpoint text, checked as the spec suggests: its lines appended to the
 * signed note and the whole opened with the witness's key alone (lines by other keys are ignored; one by its
 * key that does not verify rejects the answer). A reason string when there is none to store.
 */
function verifiedCosignature(
  note: string,
  lines: string,
  witness: Witness,
): { signature: NoteSignature; cosignedAt: Date } | string {
  if (!lines.startsWith("— ") || !lines.endsWith("\n")) return "the answer is not signature lines";
  try {
    const [signature] = openNote(`${note}${lines}`, [witness.verifier]).verifiedBy;
    const seconds = cosignatureTimestamp(signature.signature)!;
    if (seconds > MAX_DATE_SECONDS) return `the cosignature's time (${seconds}) is not a date`;
    return { signature, cosignedAt: new Date(Number(seconds) * 1000) };
  } catch (error) {
    if (!(error instanceof SignedNoteError)) throw error;
    if (error.problem === "unverified") return `no cosignature by the witness's key ${witness.name}+${witness.keyId}`;
    if (error.problem === "invalid-signature")
      return `the cosignature by ${witness.name}+${witness.keyId} does not verify`;
    return `the answer is not signature lines (${error.message})`;
  }
}
