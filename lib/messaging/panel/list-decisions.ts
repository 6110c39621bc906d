import "server-only";
import type { DecisionView } from "./panel-views";
import { z } from "zod";
import type { OrgContext } from "@/lib/context";
import type { ReadClient } from "@/lib/db/client";

export const ZDecisionFilter = z.object({
  decision: z.enum(["allow", "block", "reschedule"]).optional().catch(undefined),
  phone: z.string().max(40).optional().catch(undefined),
});
export type DecisionFilter = z.infer<typeof ZDecisionFilter>;

const ZStoredChecks = z.array(z.object({ name: z.string(), ok: z.boolean(), code: z.string() }).loose()).catch([]);

/** The gate's latest decisions in the org, newest first, by kind and number when asked. */
export async function listDecisions(db: ReadClient, ctx: OrgContext, filter: DecisionFilter): Promise<DecisionView[]> {
  const digits = filter.phone?.replace(/\D/g, "") ?? "";
  const rows = await db.messagingDecision.findMany({
    where: {
      orgId: ctx.org.id,
      ...(filter.decision ? { decision: filter.decision } : {}),
      ...(digits ? { phoneE164: { contains: digits } } : {}),
    },
    orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    phoneE164: row.phoneE164,
    decision: row.decision,
    reason: row.reason,
    decidedAt: row.decidedAt.toISOString(),
    sendAfter: row.sendAfter?.toISOString() ?? null,
    campaignId: row.campaignId,
    checks: ZStoredChecks.parse(row.checks).map(({ name, ok, code }) => ({ name, ok, code })),
  }));
}
