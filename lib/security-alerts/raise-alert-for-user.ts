import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { SecurityAlertKind } from "@/lib/audit/security-alerts/alert-kinds";
import { raiseSecurityAlertOnItsOwn } from "@/lib/audit/security-alerts/raise-security-alert";

/** Failed sign-ins in a row (below the lockout's five) that raise an alert: guessing, or a forgotten password. */
export const FAILED_SIGN_INS_ALERT_AT = 3;

/**
 * An alert about a person (failed sign-ins, a lockout) in each organization they belong to, as their sign-in
 * events are (lib/audit/append-for-user.ts): each organization's admins see it on their own dashboard. Grouped by
 * the account, so every source's failures within the window count on one alert.
 */
export async function raiseAlertForUser(
  db: Db,
  user: { id: string; email: string },
  alert: { kind: SecurityAlertKind; context: RequestContext | null; detail: string },
): Promise<void> {
  const memberships = await db.membership.findMany({
    where: { userId: user.id },
    select: { orgId: true },
    orderBy: { orgId: "asc" },
  });
  const who = { type: "user" as const, id: user.id, display: user.email };
  for (const { orgId } of memberships)
    await raiseSecurityAlertOnItsOwn(db, {
      orgId,
      kind: alert.kind,
      subject: who,
      groupKey: `user:${user.id}`,
      entry: {
        actor: who,
        target: who,
        outcome: "failure",
        context: alert.context,
        metadata: { detail: alert.detail },
      },
    });
}
