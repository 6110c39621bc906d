import "server-only";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { campaignView, type TCampaignView } from "./campaign-schemas";
import { findCampaign } from "./find-campaign";

/** The org's campaigns, by name; archived ones only when asked. */
export async function listCampaigns(
  db: ReadClient | Tx,
  ctx: OrgContext,
  { archived = false }: { archived?: boolean } = {},
): Promise<TCampaignView[]> {
  const rows = await db.messagingCampaign.findMany({
    where: { orgId: ctx.org.id, ...(archived ? {} : { archivedAt: null }) },
    orderBy: { name: "asc" },
  });
  return rows.map(campaignView);
}

export async function getCampaign(
  db: ReadClient | Tx,
  ctx: OrgContext,
  { id }: { id: string },
): Promise<TCampaignView> {
  return campaignView(await findCampaign(db, ctx, id));
}
