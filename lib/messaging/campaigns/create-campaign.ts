import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertPermission } from "../assert-permission";
import { partyOf } from "../messaging-party";
import { campaignView, ZCreateCampaign, type TCampaignView, type TCreateCampaign } from "./campaign-schemas";
import { checkRuleOverrides } from "./check-rule-overrides";

/** A new campaign: purpose, extra states, overrides (only stricter) and its own cap. A name taken is a 409. */
export async function createCampaign(
  tx: Tx,
  ctx: OrgContext,
  raw: TCreateCampaign,
  now = new Date(),
): Promise<TCampaignView> {
  assertPermission(ctx, "messaging.manage", "Managing campaigns needs messaging.manage.");
  const input = ZCreateCampaign.parse(raw);
  checkRuleOverrides(input.ruleOverrides);
  const taken = await tx.messagingCampaign.findFirst({
    where: { orgId: ctx.org.id, name: input.name },
    select: { id: true },
  });
  if (taken) {
    const message = `A campaign named "${input.name}" exists.`;
    throw new AppError("conflict", message, { name: [message] });
  }
  const states = [...new Set(input.states)];
  const campaign = await tx.messagingCampaign.create({
    data: { ...input, states, orgId: ctx.org.id, createdAt: now },
  });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "campaign.created",
    target: { type: "messaging_campaign", id: campaign.id, display: campaign.name },
    metadata: {
      name: campaign.name,
      purpose: input.purpose,
      states,
      ruleOverrides: input.ruleOverrides,
      maxPer24h: input.maxPer24h,
    },
  });
  return campaignView(campaign);
}
