import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { currentLogSigner } from "../checkpoints/log-keys";
import type { NoteSigner } from "../checkpoints/signed-note";
import { GENESIS_HASH } from "../entry-content";
import { consistencyProof, treeHash } from "../tree/proofs";
import { verifyConsistency } from "../tree/verify-proofs";
import { appendLeaves, edgeRootHash, type TreeEdge } from "../tree/tree-edge";
import { databaseTiles, storeFullTiles } from "./database-tiles";
import { haltIntegration, haltOf, type HaltRow, type IntegrationBreak, type IntegrationHalt } from "./integration-halt";
import { takeIntegrationLease } from "./integration-lease";
import { CHECKPOINT_COLUMNS, checkpointOf, type CheckpointRow, type StoredCheckpoint } from "./last-checkpoint";
import { signCheckpoint } from "./sign-checkpoint";
import { edgeOfCheckpoint, keepEdge } from "./tree-edge-cache";
import { verifyNewEntries } from "./verify-new-entries";

export type IntegrationOutcome =
  | { status: "checkpointed"; size: bigint; rootHash: string; more: boolean }
  | { status: "up_to_date"; size: bigint }
  | { status: "busy" }
  | { status: "halted"; halt: IntegrationHalt };

/** Entries one run integrates at most: a backlog is signed in several checkpoints, each transaction short. */
export const MAX_ENTRIES_PER_CHECKPOINT = 200_000;

/** A break found inside the integration's transaction: it rolls back, then the halt is recorded on its own. */
class IntegrationBroken extends Error {
  constructor(readonly broken: IntegrationBreak) {
    super(broken.detail);
  }
}

type Signed = Extract<IntegrationOutcome, { status: "checkpointed" }> & { edge: TreeEdge };

/**
 * Integrates one organization's new entries and signs a checkpoint, in one transaction under the org's
 * integration lease (integration-lease.ts): re-verifies every entry after the last checkpoint (its content
 * hash and its link, the first against the hash the checkpoint covers), extends the tree from the
 * checkpoint's edge, stores the tiles that became full, and signs the new root only once the consistency
 * proof from the last checkpoint, read back from the stored tiles, holds. Any break halts the org instead:
 * a halt row and a security.alert in its trail, and no checkpoint is ever signed for it again.
 * `wait`: wait for another worker's run instead of answering "busy".
 */
export async function integrateOrg(
  db: Db,
  orgId: string,
  { wait = false, maxEntries = MAX_ENTRIES_PER_CHECKPOINT }: { wait?: boolean; maxEntries?: number } = {},
): Promise<IntegrationOutcome> {
  // Before the transaction: the first call publishes the key in a transaction of its own.
  const signer = await currentLogSigner(db);
  try {
    const outcome = await db.$transaction((tx) => integrateInTransaction(tx, orgId, signer, { wait, maxEntries }), {
      timeout: 300_000,
      maxWait: 60_000,
    });
    if (outcome.status !== "checkpointed") return outcome;
    keepEdge(orgId, outcome.edge);
    return { status: "checkpointed", size: outcome.size, rootHash: outcome.rootHash, more: outcome.more };
  } catch (error) {
    if (!(error instanceof IntegrationBroken)) throw error;
    return { status: "halted", halt: await haltIntegration(db, orgId, error.broken) };
  }
}

async function integrateInTransaction(
  tx: Tx,
  orgId: string,
  signer: NoteSigner,
  { wait, maxEntries }: { wait: boolean; maxEntries: number },
): Promise<Exclude<IntegrationOutcome, { status: "checkpointed" }> | Signed> {
  if (!(await takeIntegrationLease(tx, orgId, { wait }))) return { status: "busy" };
  const { halt, last, head } = await integrationState(tx, orgId);
  if (halt) return { status: "halted", halt };
  const size = last?.size ?? 0n;
  const broken = headBreak(last, head);
  if (broken) throw new IntegrationBroken(broken);
  if (head.seq === size) return { status: "up_to_date", size };

  const edge = await edgeOfCheckpoint(tx, orgId, last);
  if (!edge) throw new IntegrationBroken(rewrittenTree(size));
  const through = head.seq - size > BigInt(maxEntries) ? size + BigInt(maxEntries) : head.seq;
  const entries = await verifyNewEntries(tx, orgId, {
    after: size,
    through,
    prevHash: last?.chainHash ?? GENESIS_HASH,
  });
  if ("broken" in entries) throw new IntegrationBroken(entries.broken);

  const grown = appendLeaves(edge, entries.leaves);
  await storeFullTiles(tx, orgId, grown.fullTiles);
  const rootHash = edgeRootHash(grown.edge);
  if (!(await consistentWithLast(tx, orgId, last, through, rootHash))) {
    const detail = `the tree at size ${through} is not consistent with the checkpoint at size ${size}: its tiles were changed`;
    throw new IntegrationBroken({ seq: size, kind: "inconsistent", detail });
  }
  await signCheckpoint(tx, orgId, signer, { size: through, rootHash, chainHash: entries.lastHash });
  return {
    status: "checkpointed",
    size: through,
    rootHash: rootHash.toString("hex"),
    more: through < head.seq,
    edge: grown.edge,
  };
}

/**
 * The organization's halt, last checkpoint and chain head, in one statement once the lease is held (its snapshot
 * is taken after the lock, so it sees what the previous holder committed), as integrationHalt, lastCheckpoint
 * and readChainHead read them: an integration's fixed cost is mostly its round trips.
 */
async function integrationState(
  tx: Tx,
  orgId: string,
): Promise<{ halt: IntegrationHalt | null; last: StoredCheckpoint | null; head: { seq: bigint; hash: string } }> {
  type Row = { [K in keyof HaltRow as `halt_${K}`]: HaltRow[K] | null } & {
    [K in keyof CheckpointRow]: CheckpointRow[K] | null;
  } & { head_seq: bigint | null; head_hash: string | null };
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT x.seq AS halt_seq, x.kind AS halt_kind, x.reason AS halt_reason, x.created_at AS halt_created_at,
           c.size, c.root_hash, c.chain_hash, c.note, c.key_id, c.created_at, h.seq AS head_seq, h.hash AS head_hash
      FROM (VALUES (${orgId}::uuid)) AS o(id)
      LEFT JOIN audit_integration_halts x ON x.org_id = o.id
      LEFT JOIN LATERAL (SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints
                          WHERE org_id = o.id ORDER BY size DESC LIMIT 1) c ON TRUE
      LEFT JOIN audit_chain_heads h ON h.org_id = o.id`;
  const { halt_seq, halt_kind, halt_reason, halt_created_at, head_seq, head_hash, size, ...checkpoint } = row;
  return {
    halt:
      halt_seq === null
        ? null
        : haltOf({ seq: halt_seq, kind: halt_kind!, reason: halt_reason!, created_at: halt_created_at! }),
    last: size === null ? null : checkpointOf({ ...(checkpoint as Omit<CheckpointRow, "size">), size }),
    head: head_seq === null ? { seq: 0n, hash: GENESIS_HASH } : { seq: head_seq, hash: head_hash! },
  };
}

/** A head behind the last checkpoint (entries removed), or at its size with another hash (rewritten). */
function headBreak(last: StoredCheckpoint | null, head: { seq: bigint; hash: string }): IntegrationBreak | null {
  if (!last) return null;
  if (head.seq < last.size) {
    const detail =
      `the chain head is at ${head.seq} but the checkpoint at size ${last.size} covers ${last.size} entries: ` +
      "entries were removed";
    return { seq: head.seq + 1n, kind: "truncated", detail };
  }
  if (head.seq === last.size && head.hash !== last.chainHash) {
    const detail = `entry ${last.size} is not the one the checkpoint at size ${last.size} signed: the trail was rewritten`;
    return { seq: last.size, kind: "rewritten", detail };
  }
  return null;
}

function rewrittenTree(size: bigint): IntegrationBreak {
  const detail =
    `the tree rebuilt from the stored tiles and entries at size ${size} does not have the root the checkpoint signed: ` +
    "entries or tiles were changed after it was signed";
  return { seq: size, kind: "rewritten", detail };
}

/**
 * The log's own check before it signs (RFC 9162 §2.1.4): the consistency proof from the last checkpoint to
 * the new size, read from the stored tiles, proves both the signed root and the new one; the first
 * checkpoint's root is recomputed from the stored tiles instead.
 */
async function consistentWithLast(
  tx: Tx,
  orgId: string,
  last: StoredCheckpoint | null,
  newSize: bigint,
  newRoot: Buffer,
): Promise<boolean> {
  const tiles = databaseTiles(tx, orgId);
  if (!last) return (await treeHash(Number(newSize), tiles)).equals(newRoot);
  const proof = await consistencyProof(Number(last.size), Number(newSize), tiles);
  const oldRoot = Buffer.from(last.rootHash, "hex");
  return verifyConsistency({ oldSize: Number(last.size), newSize: Number(newSize), oldRoot, newRoot, proof });
}
