/**
 * What the panel shows of the organization's signed checkpoints (client-safe: no server code here). Sizes
 * are decimal strings, hashes base64 (as in the checkpoint text), times ISO 8601.
 */

/** The latest signed checkpoint: its size, root, key id, signing time and the signed note itself. */
export type LatestCheckpointView = { size: string; rootHash: string; keyId: string; signedAt: string; note: string };

/**
 * An entry's place in the latest checkpoint: `included` when its inclusion proof was checked on the server
 * against the checkpoint's root, `failed` when it was not (the proof or the stored root disagree), and
 * `not_covered` when the entry is newer than the checkpoint (or none is signed yet: `checkpointSize` null).
 */
export type EntryInclusionView =
  | { status: "included"; checkpointSize: string; leafIndex: string; rootHash: string; proof: string[] }
  | { status: "failed"; checkpointSize: string; reason: string }
  | { status: "not_covered"; checkpointSize: string | null };
