import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { retentionPolicyOf } from "./retention-policy";
import { ZRetentionPolicy, type TRetentionPolicy } from "./retention-policy-view";

/**
 * Sets how long the organization's audit trail is kept and how long it stays in PostgreSQL. Owners only (the
 * action's permission), after a recent step-up, checked here so that no adapter can skip it: shortening the
 * retention lets the archive's purge delete evidence sooner. The change and an `org.retention_updated` entry
 * with the policy before and after commit together; saving the same policy again changes and records nothing.
 */
export async function updateRetentionPolicy({
  ctx,
  tx,
  input,
}: {
  ctx: OrgContext;
  tx: Tx;
  input: TRetentionPolicy;
}): Promise<{ changed: boolean; policy: TRetentionPolicy }> {
  const after = ZRetentionPolicy.parse(input);
  await requireRecentStepUp(tx, ctx.principal);
  // Two owners saving at once: the second waits, then reads the first one's policy as its "before" (and a first
  // save's insert never races another). NO KEY UPDATE leaves rows that reference the organization free to insert.
  await tx.$executeRaw`SELECT 1 FROM organizations WHERE id = ${ctx.org.id}::uuid FOR NO KEY UPDATE`;
  const before = await retentionPolicyOf(tx, ctx.org.id);
  if (before.retentionDays === after.retentionDays && before.hotWindowDays === after.hotWindowDays) {
    return { changed: false, policy: before };
  }
  await tx.retentionPolicy.upsert({
    where: { orgId: ctx.org.id },
    create: { orgId: ctx.org.id, ...after },
    update: after,
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "org.retention_updated",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: { before, after },
  });
  return { changed: true, policy: after };
}
