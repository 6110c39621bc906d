import "server-only";
import type { Db } from "@/lib/db/client";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { AuditEvent } from "./append-audit-entry";
import { appendAuditEntryOnItsOwn } from "./append-audit-entry-on-its-own";
import type { ChainAndCheckpoints } from "./integrate/verify-against-checkpoints";
import type { VerificationView } from "./verification-view";

export type { VerificationView };

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

/**
 * Records a verification's outcome (committed on its own: a verification runs after the request's transaction,
 * having first signed a checkpoint in transactions of its own) and answers it as it leaves the server.
 */
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
    archivedThrough: result.archivedThrough.toString(),
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
