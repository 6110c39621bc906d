import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "../append-audit-entry";
import { raiseSecurityAlertOnItsOwn } from "../security-alerts/raise-security-alert";
import type { ChainBreak } from "../verify-chain";
import { takeIntegrationLease } from "./integration-lease";

/** Why the integrator stopped signing an organization's checkpoints: the first bad seq and what was wrong. */
export type IntegrationHalt = { seq: bigint; kind: string; reason: string; at: Date };

/** A chain break as the integrator meets it: the chain's own kinds, and three only a checkpoint can show. */
export type IntegrationBreak = Omit<ChainBreak, "kind"> & {
  kind: ChainBreak["kind"] | "truncated" | "rewritten" | "inconsistent";
};

export type HaltRow = { seq: bigint; kind: string; reason: string; created_at: Date };

/** A halt as its audit_integration_halts row holds it. */
export const haltOf = (row: HaltRow): IntegrationHalt => ({
  seq: row.seq,
  kind: row.kind,
  reason: row.reason,
  at: row.created_at,
});

/** The organization's integration halt, or null while its checkpoints are being signed. For the dashboard. */
export async function integrationHalt(db: Db | Tx, orgId: string): Promise<IntegrationHalt | null> {
  const rows = await db.$queryRaw<HaltRow[]>`
    SELECT seq, kind, reason, created_at FROM audit_integration_halts WHERE org_id = ${orgId}::uuid`;
  return rows[0] ? haltOf(rows[0]) : null;
}

/**
 * Stops checkpointing the organization: records the halt in a transaction of its own (under the org's
 * integration lease), committed first, then raises a security.alert in its own trail, once (a second halt of
 * the same org records nothing). The halt never depends on the alert: when the alert cannot be appended, that is
 * logged and the halt stays (when the chain head itself was tampered with, the alert's entry commits but linking it
 * collides: the linker logs that and the entry stays pending, out of the chain). The
 * metadata holds the seq and what was wrong, which the integrator words itself: never an entry's content.
 */
export async function haltIntegration(db: Db, orgId: string, broken: IntegrationBreak): Promise<IntegrationHalt> {
  const recorded = await db.$transaction(async (tx) => {
    await takeIntegrationLease(tx, orgId, { wait: true });
    const rows = await tx.$queryRaw<{ created_at: Date }[]>`
      INSERT INTO audit_integration_halts (org_id, seq, kind, reason)
      VALUES (${orgId}::uuid, ${broken.seq}, ${broken.kind}, ${broken.detail})
      ON CONFLICT (org_id) DO NOTHING
      RETURNING created_at`;
    return rows[0] ? { seq: broken.seq, kind: broken.kind, reason: broken.detail, at: rows[0].created_at } : null;
  });
  if (!recorded) return (await integrationHalt(db, orgId))!;
  const alert = {
    orgId,
    kind: "audit_chain_broken" as const,
    subject: { type: "audit_trail", id: orgId, display: "audit trail" },
    groupKey: "audit_trail",
    entry: {
      actor: SYSTEM_ACTOR,
      target: { type: "audit_trail", id: orgId, display: "audit trail" },
      outcome: "failure" as const,
      metadata: { seq: broken.seq.toString(), kind: broken.kind, detail: broken.detail },
    },
  };
  try {
    await raiseSecurityAlertOnItsOwn(db, alert);
  } catch (error) {
    // Only what the integrator worded and the error's kind: a database error can quote the row it refused.
    const why = [(error as Error)?.name, (error as { code?: unknown })?.code].filter(Boolean).join(" ");
    console.error(
      `audit integration halted for org ${orgId} at seq ${broken.seq} (${broken.kind}); ` +
        `its security.alert could not be appended (${why || "unknown error"}): the halt is recorded`,
    );
    // The alert center still shows it: the row needs no append.
    await raiseSecurityAlertOnItsOwn(db, { ...alert, withoutEntry: true }).catch(() => undefined);
  }
  return recorded;
}
