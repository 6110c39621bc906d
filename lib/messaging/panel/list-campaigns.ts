import "server-only";
import type { CampaignView } from "./panel-views";
import type { OrgContext } from "@/lib/context";
import type { ReadClient } from "@/lib/db/client";

/** The org's campaigns, live ones first, newest first. */
export async function listCampaigns(db: ReadClient, ctx: OrgContext): Promise<CampaignView[]> {
  const rows = await db.messagingCampaign.findMany({
    where: { orgId: ctx.org.id },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    states: row.states,
    maxPer24h: row.maxPer24h,
    ruleOverrides: JSON.stringify(row.ruleOverrides),
    createdAt: row.createdAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  }));
}
