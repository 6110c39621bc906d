import "server-only";
import type { Tx } from "@/lib/db";
import type { OrgContext } from "@/lib/guard/org-access";
import { actorOf } from "@/lib/guard/principal";
import { appendAuditEntry } from "./append-audit-entry";
import { verifyChain } from "./verify-chain";

export type VerificationView = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  firstBad: { seq: string; kind: string; detail: string } | null;
};

/** Verifies the org's chain and records that it was verified, and with what result. */
export async function verifyAndRecord({ ctx, tx }: { ctx: OrgContext; tx: Tx }): Promise<VerificationView> {
  // Read inside the caller's transaction: a second connection would wait on it forever on the
  // embedded database, which runs one transaction at a time.
  const result = await verifyChain({ db: tx, orgId: ctx.org.id });
  await appendAuditEntry(tx, {
    orgId: ctx.org.id,
    action: "audit.chain_verified",
    actor: actorOf(ctx.principal),
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    outcome: result.ok ? "success" : "failure",
    context: ctx.request,
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
