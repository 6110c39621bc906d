import "server-only";
import type { Db } from "@/lib/db/client";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { AuditEvent } from "./append-audit-entry";
import { appendAuditEntryOnItsOwn } from "./append-audit-entry-on-its-own";
import type { ChainAndCheckpoints } from "./integrate/verify-against-checkpoints";
import type { ArchiveCheckView, VerificationView } from "./verification-view";

export type { VerificationView };

/** A verification of the hot chain and its checkpoints, and of the archive before it where there is one. */
export type TrailVerification = ChainAndCheckpoints & { archive?: ArchiveCheckView | null };

/** What the trail records about a verification (audit.chain_verified), and with what result. */
function verificationEntry(ctx: OrgContext, result: TrailVerification): AuditEvent {
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
      // Committed entries not linked yet, so not checked (link-committed.ts): said only when there were some.
      ...(result.pending > 0 ? { pendingEntries: result.pending } : {}),
      ...(result.archive ? { archivedSegments: result.archive.segments, archivedEntries: result.archive.entries } : {}),
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
  result: TrailVerification,
): Promise<VerificationView> {
  await appendAuditEntryOnItsOwn(db, verificationEntry(ctx, result));
  return verificationViewOf(result);
}

function verificationViewOf(result: TrailVerification): VerificationView {
  return {
    ok: result.ok,
    checked: result.checked,
    headSeq: result.headSeq.toString(),
    headHash: result.headHash,
    pending: result.pending,
    archivedThrough: result.archivedThrough.toString(),
    firstBad: result.firstBad ? { ...result.firstBad, seq: result.firstBad.seq.toString() } : null,
    checkpoint: checkpointViewOf(result.checkpoints.against),
    ...(result.archive ? { archive: result.archive } : {}),
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
