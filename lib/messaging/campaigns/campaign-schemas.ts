import { z } from "zod";
import { ZUsState } from "../us-states";

const ZWindow = z.object({
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/),
});
export const ZRuleOverrides = z
  .record(
    z.string().max(64),
    z.object({ window: ZWindow.strict().optional(), maxPer24h: z.number().int().min(0).max(1000).optional() }).strict(),
  )
  .describe("Per rule id (GET the rules for the ids): a narrower window or a lower cap; never looser.");

export const ZCreateCampaign = z
  .object({
    name: z.string().trim().min(1, "Give the campaign a name.").max(120),
    purpose: z.enum(["marketing", "informational"]),
    states: z.array(ZUsState).max(60).default([]).describe("States whose rules apply to every recipient."),
    ruleOverrides: ZRuleOverrides.default({}),
    maxPer24h: z.number().int().min(1).max(1000).nullable().default(null),
  })
  .strict();
export type TCreateCampaign = z.input<typeof ZCreateCampaign>;

export const ZUpdateCampaign = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    purpose: z.enum(["marketing", "informational"]).optional(),
    states: z.array(ZUsState).max(60).optional(),
    ruleOverrides: ZRuleOverrides.optional(),
    maxPer24h: z.number().int().min(1).max(1000).nullable().optional(),
    archived: z.literal(true).optional().describe("true archives the campaign: the gate blocks its messages."),
  })
  .strict();
export type TUpdateCampaign = z.input<typeof ZUpdateCampaign>;

export const ZCampaignView = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.enum(["marketing", "informational"]),
  states: z.array(z.string()),
  ruleOverrides: z.record(z.string(), z.unknown()),
  maxPer24h: z.number().nullable(),
  createdAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type TCampaignView = z.infer<typeof ZCampaignView>;

type CampaignRow = {
  id: string;
  name: string;
  purpose: string;
  states: string[];
  ruleOverrides: unknown;
  maxPer24h: number | null;
  createdAt: Date;
  archivedAt: Date | null;
};

export function campaignView(row: CampaignRow): TCampaignView {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose === "informational" ? "informational" : "marketing",
    states: row.states,
    ruleOverrides: (row.ruleOverrides ?? {}) as Record<string, unknown>,
    maxPer24h: row.maxPer24h,
    createdAt: row.createdAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}
