import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { ZSecurityPolicy, type TSecurityPolicy } from "./security-policy-view";

export { ZSecurityPolicy, type TSecurityPolicy };

const POLICY_COLUMNS = { requireMfa: true, sessionIdleMinutes: true, sessionAbsoluteHours: true } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The policy as the form shows it: an org that never set a limit shows the default. */
export async function readSecurityPolicy(
  client: Pick<Tx, "organization">,
  orgId: string,
): Promise<TSecurityPolicy & { requireMfaFrom: Date | null }> {
  const org = await client.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { ...POLICY_COLUMNS, requireMfaFrom: true },
  });
  return {
    requireMfa: org.requireMfa,
    requireMfaFrom: org.requireMfaFrom,
    sessionIdleMinutes: org.sessionIdleMinutes ?? 30,
    sessionAbsoluteHours: org.sessionAbsoluteHours ?? 12,
  };
}

/** Members of the organization without an active second factor, for the policy page (who the requirement will stop). */
export async function membersWithoutSecondFactor(client: Db | Tx, orgId: string) {
  const rows = await client.membership.findMany({
    where: { orgId, user: { totpEnabledAt: null } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return rows.map(({ role, user }) => ({ ...user, role }));
}

/**
 * Saves the policy with an `org.updated` entry holding the values before and after, in the same
 * transaction. Saving the same values again changes nothing and records nothing. Turning the
 * second-factor requirement on with a grace period stores when it starts to bite (`requireMfaFrom`);
 * saving again while it is on keeps that date; turning it off clears it.
 */
export async function updateSecurityPolicy({
  ctx,
  tx,
  input,
  now = new Date(),
}: {
  ctx: OrgContext;
  tx: Tx;
  input: TSecurityPolicy;
  now?: Date;
}) {
  const stored = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.org.id },
    select: { ...POLICY_COLUMNS, requireMfaFrom: true },
  });
  const { mfaGraceDays = 0, ...policy } = ZSecurityPolicy.parse(input);
  const requireMfaFrom = !policy.requireMfa
    ? null
    : stored.requireMfa
      ? stored.requireMfaFrom
      : mfaGraceDays > 0
        ? new Date(now.getTime() + mfaGraceDays * DAY_MS)
        : null;
  const changed = (Object.keys(POLICY_COLUMNS) as (keyof typeof POLICY_COLUMNS)[]).filter(
    (key) => stored[key] !== policy[key],
  );
  if (changed.length === 0) return { changed };
  await tx.organization.update({ where: { id: ctx.org.id }, data: { ...policy, requireMfaFrom } });
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "org.updated",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: {
      before: { ...stored, requireMfaFrom: iso(stored.requireMfaFrom) },
      after: { ...policy, requireMfaFrom: iso(requireMfaFrom) },
    },
  });
  return { changed };
}
