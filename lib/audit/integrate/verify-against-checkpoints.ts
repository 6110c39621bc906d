import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { parseCheckpoint } from "../checkpoints/checkpoint-text";
import { openNote, SignedNoteError, type OpenedNote } from "../checkpoints/signed-note";
import { leafHash } from "../tree/merkle-hash";
import { readArchivedPrefix } from "../archived-prefix";
import { appendLeaves, edgeFromTiles, edgeRootHash, emptyEdge, type TreeEdge } from "../tree/tree-edge";
import { verifyChain, type ChainBreak, type ChainVerification } from "../verify-chain";
import { databaseTiles } from "./database-tiles";
import { listCheckpoints, type StoredCheckpoint } from "./last-checkpoint";
import { logTrust, type LogTrust } from "./log-verifiers";

/** The latest checkpoint the entries were checked against, as the verify dialog and the CLI name it. */
export type CheckedCheckpoint = { size: bigint; rootHash: string; keyId: string; signedAt: Date };

export type CheckpointCheck = {
  /** Checkpoints whose signature and root held. */
  checked: number;
  /** The largest of them, or null when there was none to check. */
  against: CheckedCheckpoint | null;
  /** The first checkpoint that does not hold, and why. */
  problem: { size: bigint; detail: string } | null;
  /** Checkpoints past a chain break, which the walk never reached. */
  notReached: number;
};

export type ChainAndCheckpoints = ChainVerification & { checkpoints: CheckpointCheck };

/** Leaves buffered before they are folded into the edge. */
const FOLD_EVERY = 8_192;

/**
 * Checks the chain's entries against the stored checkpoints while verifyChain walks them (one pass): the
 * verified chain hashes are the tree's leaves, and at each checkpoint's size the root built from them must be
 * the root in its signed note, whose signature must verify against a key this process holds (never a key read
 * from the database, where whoever rewrote the entries could have added one). This is what a consistently
 * recomputed chain cannot pass: it matches its own hashes, not what was signed before.
 */
export async function verifyChainAndCheckpoints({
  db,
  orgId,
  batchSize,
  onProgress,
  retried = false,
}: {
  db: Db | Tx;
  orgId: string;
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
  retried?: boolean;
}): Promise<ChainAndCheckpoints> {
  // Archived entries are checked against their checkpoints by `verity archive verify`; the walk starts at
  // the archived size from the tree's stored tiles (full tiles: the archive stops at one's end).
  const archived = await readArchivedPrefix(db, orgId);
  const start =
    archived.throughSeq === 0n
      ? emptyEdge()
      : await edgeFromTiles(Number(archived.throughSeq), databaseTiles(db, orgId));
  const walk = new CheckpointWalk(await listCheckpoints(db, orgId), await logTrust(db), orgId, start);
  const chain = await verifyChain({
    db,
    orgId,
    archived,
    ...(batchSize ? { batchSize } : {}),
    ...(onProgress ? { onProgress } : {}),
    onEntry: (hash) => walk.add(hash),
  });
  const checkpoints = walk.finish(chain);
  if (chain.firstBad?.kind === "gap" && !retried) {
    // An archive run that removed entries while they were being read: once more, from the new archived prefix.
    const now = await readArchivedPrefix(db, orgId);
    if (now.throughSeq >= chain.firstBad.seq)
      return verifyChainAndCheckpoints({
        db,
        orgId,
        ...(batchSize ? { batchSize } : {}),
        ...(onProgress ? { onProgress } : {}),
        retried: true,
      });
  }
  if (!chain.ok || !checkpoints.problem) return { ...chain, checkpoints };
  const firstBad: ChainBreak = {
    seq: checkpoints.problem.size,
    kind: "checkpoint",
    detail: checkpoints.problem.detail,
  };
  return { ...chain, ok: false, firstBad, checkpoints };
}

class CheckpointWalk {
  private pending: Buffer[] = [];
  private size: number;
  private next: number;
  private checked = 0;
  private lastChecked: StoredCheckpoint | null = null;
  private problem: CheckpointCheck["problem"] = null;

  constructor(
    private readonly checkpoints: StoredCheckpoint[],
    private readonly trust: LogTrust,
    private readonly orgId: string,
    private edge: TreeEdge,
  ) {
    this.size = edge.size;
    // Checkpoints within the archived prefix are the archive's to check (each segment carries its own).
    this.next = checkpoints.findIndex((checkpoint) => Number(checkpoint.size) > edge.size);
    if (this.next === -1) this.next = checkpoints.length;
  }

  add(hash: string): void {
    if (this.problem) return;
    this.pending.push(leafHash(Buffer.from(hash, "hex")));
    this.size++;
    const due = this.checkpoints[this.next];
    if (due && Number(due.size) === this.size) this.check(due);
    else if (this.pending.length >= FOLD_EVERY) this.fold();
  }

  finish(chain: ChainVerification): CheckpointCheck {
    this.fold();
    const beyond = this.checkpoints.slice(this.next);
    if (!this.problem && beyond.length > 0 && chain.ok) {
      const size = beyond[0].size;
      const detail = `checkpoint at size ${size} but the chain has only ${this.size} entries — entries were removed`;
      this.problem = { size, detail };
    }
    const last = this.lastChecked;
    return {
      checked: this.checked,
      against: last && { size: last.size, rootHash: last.rootHash, keyId: last.keyId, signedAt: last.createdAt },
      problem: this.problem,
      notReached: this.problem ? 0 : beyond.length,
    };
  }

  private fold(): void {
    if (this.pending.length === 0) return;
    this.edge = appendLeaves(this.edge, this.pending).edge;
    this.pending = [];
  }

  private check(checkpoint: StoredCheckpoint): void {
    this.fold();
    this.next++;
    const signed = this.signedRoot(checkpoint);
    if (typeof signed === "string") {
      this.problem = { size: checkpoint.size, detail: `checkpoint at size ${checkpoint.size}: ${signed}` };
    } else if (!edgeRootHash(this.edge).equals(signed)) {
      const detail = `checkpoint at size ${checkpoint.size}: root differs — the trail was rewritten after it was signed`;
      this.problem = { size: checkpoint.size, detail };
    } else {
      this.checked++;
      this.lastChecked = checkpoint;
    }
  }

  /** The root hash the checkpoint's note signs, or what is wrong with the note. */
  private signedRoot({ note, size, keyId }: StoredCheckpoint): Buffer | string {
    let opened: OpenedNote;
    try {
      opened = openNote(note, this.trust.verifiers);
    } catch (error) {
      return whyNotOpened(error);
    }
    const by = opened.verifiedBy.map((signature) => `${signature.name}+${signature.keyId}`);
    const misPublished = by.find((id) => this.trust.misPublished.has(id));
    if (misPublished)
      return `signed by key ${misPublished}, but audit_log_keys publishes a different key under that id`;
    if (!opened.verifiedBy.some((signature) => signature.keyId === keyId))
      return `it is recorded as signed by key ${keyId}, but its signature is by ${by.join(", ")}`;
    try {
      const checkpoint = parseCheckpoint(opened.text);
      if (checkpoint.size !== size) return `its signed note is for size ${checkpoint.size}`;
      if (!checkpoint.origin.endsWith(`/orgs/${this.orgId}`)) return "its signed note is for another organization";
      return checkpoint.rootHash;
    } catch {
      return "its signed note is not a checkpoint";
    }
  }
}

/** Why a checkpoint's note did not open against the held keys, in the words `verity audit verify` prints. */
function whyNotOpened(error: unknown): string {
  if (!(error instanceof SignedNoteError)) return "its signed note cannot be read";
  if (error.problem === "unverified") {
    const keys = error.unverified.map((signature) => `${signature.name}+${signature.keyId}`).join(", ");
    return `signed by key ${keys}, which this Verity does not hold — a key added to audit_log_keys is not trusted`;
  }
  if (error.problem === "invalid-signature") return "its signature does not verify against the key this Verity holds";
  return "its signed note cannot be read";
}
