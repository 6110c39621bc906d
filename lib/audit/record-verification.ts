import "server-only";
import type { Db, InTransaction, Tx } from "@/lib/db/client";
import { auditedBy, type OrgContext } from "@/lib/context";
import { appendAuditEntry, type AuditEvent } from "./append-audit-entry";
import { appendAuditEntryOnItsOwn } from "./append-audit-entry-on-its-own";
import { verifyChainAndCheckpoints, type ChainAndCheckpoints } from "./integrate/verify-against-checkpoints";
import type { VerificationView } from "./verification-view";

export type { VerificationView };

/** Verifies the org's chain, and its entries against the signed checkpoints, and records the result. */
export async function verifyAndRecord({ ctx, tx }: { ctx: OrgContext; tx: Tx }): Promise<VerificationView> {
  // Read inside the caller's transaction: a second connection would wait on it forever on the
  // embedded database, which runs one transaction at a time.
  return recordVerification(tx, ctx, await verifyChainAndCheckpoints({ db: tx, orgId: ctx.org.id }));
}

/** What the trail records about a verification (audit.chain_verified), and with what result. */
function verificationEntry(ctx: OrgContext, result: ChainAndCheckpoints): AuditEvent {
  return {
    ...auditedBy(ctx),
    action: "audit.chain_verified",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    outcome: result.ok ? "success" : "failure",
    metadata: {
      checked: result.checked,
      ok: result.ok,
      firstBadSeq: result.firstBad ? result.firstBad.seq.toString() : null,
      checkpointSize: result.checkpoints.against ? result.checkpoints.against.size.toString() : null,
    },
  };
}

/** Records a verification's outcome in the caller's transaction and answers it as it leaves the server. */
export async function recordVerification(
  tx: InTransaction,
  ctx: OrgContext,
  result: ChainAndCheckpoints,
): Promise<VerificationView> {
  await appendAuditEntry(tx, verificationEntry(ctx, result));
  return verificationViewOf(result);
}

/** The same, committed on its own: a streamed verification ends after the request's transaction. */
export async function recordVerificationOnItsOwn(
  db: Db,
  ctx: OrgContext,
  result: ChainAndCheckpoints,
): Promise<VerificationView> {
  await appendAuditEntryOnItsOwn(db, verificationEntry(ctx, result));
  return verificationViewOf(result);
}

function verificationViewOf(result: ChainAndCheckpoints): VerificationView {
  return {
    ok: result.ok,
    checked: result.checked,
    headSeq: result.headSeq.toString(),
    headHash: result.headHash,
    firstBad: result.firstBad ? { ...result.firstBad, seq: result.firstBad.seq.toString() } : null,
    checkpoint: checkpointViewOf(result.checkpoints.against),
  };
}

function checkpointViewOf(against: ChainAndCheckpoints["checkpoints"]["against"]): VerificationView["checkpoint"] {
  return (
    against && {
      size: against.size.toString(),
      rootHash: against.rootHash,
      keyId: against.keyId,
      signedAt: against.signedAt.toISOString(),
    }
  );
}
