import "server-only";
import type { MessagingOverview } from "./panel-views";
import type { OrgContext } from "@/lib/context";
import type { ReadClient } from "@/lib/db/client";

const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** The overview's figures: the kill switches, and today's decisions of the gate counted by kind and by reason. */
export async function messagingOverview(db: ReadClient, ctx: OrgContext, now = new Date()): Promise<MessagingOverview> {
  const since = startOfUtcDay(now);
  const where = { orgId: ctx.org.id, decidedAt: { gte: since } };
  const [settings, platform, byReason] = await Promise.all([
    db.messagingSettings.findUnique({ where: { orgId: ctx.org.id } }),
    db.messagingPlatformSwitch.findUnique({ where: { id: "platform" }, select: { on: true } }),
    db.messagingDecision.groupBy({ by: ["decision", "reason"], where, _count: { _all: true } }),
  ]);
  const today = { allow: 0, block: 0, reschedule: 0 };
  for (const row of byReason) {
    if (row.decision === "allow" || row.decision === "block" || row.decision === "reschedule") {
      today[row.decision] += row._count._all;
    }
  }
  const topReasons = byReason
    .filter((row) => row.decision !== "allow")
    .map((row) => ({ decision: row.decision, reason: row.reason, count: row._count._all }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, 8);
  return {
    killSwitch: {
      on: settings?.killSwitchOn ?? false,
      changedAt: settings?.killSwitchChangedAt?.toISOString() ?? null,
      changedBy: settings?.killSwitchChangedBy ?? null,
      reason: settings?.killSwitchReason ?? null,
    },
    platformSwitchOn: platform?.on ?? false,
    today,
    topReasons,
  };
}
