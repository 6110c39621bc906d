import "server-only";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";

/** A campaign of this organization; another organization's id is a 404, recorded as a cross-tenant probe. */
export async function findCampaign(db: Tx | ReadClient, ctx: OrgContext, id: string) {
  const campaign = await db.messagingCampaign.findFirst({ where: { id, orgId: ctx.org.id } });
  if (campaign) return campaign;
  const elsewhere = await db.messagingCampaign.findFirst({
    where: { id, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  throw new AppError(
    "not_found",
    "No such campaign in this organization.",
    undefined,
    elsewhere
      ? { permission: "messaging.read", reason: "foreign_campaign", crossTenant: true, targetOrgId: elsewhere.orgId }
      : undefined,
  );
}
