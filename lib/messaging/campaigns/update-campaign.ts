import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertPermission } from "../assert-permission";
import { partyOf } from "../messaging-party";
import { campaignView, ZUpdateCampaign, type TCampaignView, type TUpdateCampaign } from "./campaign-schemas";
import { checkRuleOverrides } from "./check-rule-overrides";
import { findCampaign } from "./find-campaign";

const FIELDS = ["name", "purpose", "states", "ruleOverrides", "maxPer24h"] as const;

/**
 * Changes a campaign (campaign.updated, before and after) or archives it (campaign.archived; the gate then blocks
 * its messages). An archived campaign cannot be changed (409).
 */
export async function updateCampaign(
  tx: Tx,
  ctx: OrgContext,
  { id, ...raw }: TUpdateCampaign & { id: string },
  now = new Date(),
): Promise<TCampaignView> {
  assertPermission(ctx, "messaging.manage", "Managing campaigns needs messaging.manage.");
  const input = ZUpdateCampaign.parse(raw);
  const campaign = await findCampaign(tx, ctx, id);
  if (campaign.archivedAt) throw new AppError("conflict", "The campaign is archived.");
  if (input.ruleOverrides) checkRuleOverrides(input.ruleOverrides);
  if (input.name && input.name !== campaign.name) {
    const taken = await tx.messagingCampaign.findFirst({
      where: { orgId: ctx.org.id, name: input.name },
      select: { id: true },
    });
    if (taken) throw new AppError("conflict", `A campaign named "${input.name}" exists.`, { name: ["Name taken."] });
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = field === "states" && input.states ? [...new Set(input.states)] : input[field];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(campaign[field])) continue;
    before[field] = campaign[field];
    after[field] = value;
  }
  const party = partyOf(ctx);
  const target = { type: "messaging_campaign", id, display: campaign.name };
  if (Object.keys(after).length > 0) {
    await tx.messagingCampaign.update({ where: { id, orgId: ctx.org.id }, data: after });
    await appendAuditEntry(tx, {
      ...party,
      action: "campaign.updated",
      target,
      metadata: { name: campaign.name, before, after },
    });
  }
  if (input.archived) {
    await tx.messagingCampaign.update({ where: { id, orgId: ctx.org.id }, data: { archivedAt: now } });
    await appendAuditEntry(tx, { ...party, action: "campaign.archived", target, metadata: { name: campaign.name } });
  }
  return campaignView(await tx.messagingCampaign.findUniqueOrThrow({ where: { id } }));
}
