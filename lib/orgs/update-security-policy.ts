import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { ZSecurityPolicy, type TSecurityPolicy } from "./security-policy-view";

export { ZSecurityPolicy, type TSecurityPolicy };

const POLICY_COLUMNS = { requireMfa: true, sessionIdleMinutes: true, sessionAbsoluteHours: true } as const;

/** The policy as the form shows it: an org that never set a limit shows the default. */
export async function readSecurityPolicy(client: Pick<Tx, "organization">, orgId: string): Promise<TSecurityPolicy> {
  const org = await client.organization.findUniqueOrThrow({ where: { id: orgId }, select: POLICY_COLUMNS });
  return {
    requireMfa: org.requireMfa,
    sessionIdleMinutes: org.sessionIdleMinutes ?? 30,
    sessionAbsoluteHours: org.sessionAbsoluteHours ?? 12,
  };
}

/**
 * Saves the policy with an `org.updated` entry holding the values before and after, in the same
 * transaction. Saving the same values again changes nothing and records nothing.
 */
export async function updateSecurityPolicy({ ctx, tx, input }: { ctx: OrgContext; tx: Tx; input: TSecurityPolicy }) {
  const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.org.id }, select: POLICY_COLUMNS });
  const after = ZSecurityPolicy.parse(input);
  const changed = (Object.keys(POLICY_COLUMNS) as (keyof TSecurityPolicy)[]).filter(
    (key) => before[key] !== after[key],
  );
  if (changed.length === 0) return { changed };
  await tx.organization.update({ where: { id: ctx.org.id }, data: after });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "org.updated",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: { before, after },
  });
  return { changed };
}
