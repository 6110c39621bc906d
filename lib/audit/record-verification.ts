import "server-only";
import type { Db, Tx } from "@/lib/db";
import { auditedBy, type OrgContext } from "@/lib/context";
import { appendAuditEntry } from "./append-audit-entry";
import { verifyChain, type ChainVerification } from "./verify-chain";
import type { VerificationView } from "./verification-view";

export type { VerificationView };

/** Verifies the org's chain and records that it was verified, and with what result. */
export async function verifyAndRecord({ ctx, tx }: { ctx: OrgContext; tx: Tx }): Promise<VerificationView> {
  // Read inside the caller's transaction: a second connection would wait on it forever on the
  // embedded database, which runs one transaction at a time.
  return recordVerification(tx, ctx, await verifyChain({ db: tx, orgId: ctx.org.id }));
}

/** Records a verification's outcome in the trail (audit.chain_verified) and answers it as it leaves the server. */
export async function recordVerification(client: Tx | Db, ctx: OrgContext, result: ChainVerification): Promise<VerificationView> {
  await appendAuditEntry(client, {
    ...auditedBy(ctx),
    action: "audit.chain_verified",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    outcome: result.ok ? "success" : "failure",
    metadata: { checked: result.checked, ok: result.ok, firstBadSeq: result.firstBad ? result.firstBad.seq.toString() : null },
  });
  return {
    ok: result.ok,
    checked: result.checked,
    headSeq: result.headSeq.toString(),
    headHash: result.headHash,
    firstBad: result.firstBad ? { ...result.firstBad, seq: result.firstBad.seq.toString() } : null,
  };
}
