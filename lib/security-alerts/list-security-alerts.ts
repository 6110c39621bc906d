import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { ZListSecurityAlerts, type TSecurityAlertView } from "./security-alert-schemas";
import { securityAlertView } from "./security-alert-view";

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** The organization's alerts in a status (open by default): most severe first, then the most recent. */
export async function listSecurityAlerts(
  tx: Db | Tx,
  ctx: Pick<OrgContext, "org">,
  query: z.input<typeof ZListSecurityAlerts> = {},
): Promise<TSecurityAlertView[]> {
  const { status, limit } = ZListSecurityAlerts.parse(query);
  const rows = await tx.securityAlert.findMany({
    where: { orgId: ctx.org.id, ...(status === "all" ? {} : { status }) },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows
    .map(securityAlertView)
    .sort(
      (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.lastSeenAt.localeCompare(a.lastSeenAt),
    );
}
