import "server-only";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import type { TKillSwitchView } from "./kill-switch-schemas";

/** The org's kill switch and the platform's, as the gate reads them. */
export async function getKillSwitch(db: ReadClient | Tx, ctx: OrgContext): Promise<TKillSwitchView> {
  const [settings, platform] = await Promise.all([
    db.messagingSettings.findUnique({ where: { orgId: ctx.org.id } }),
    db.messagingPlatformSwitch.findUnique({ where: { id: "platform" }, select: { on: true } }),
  ]);
  return {
    on: settings?.killSwitchOn ?? false,
    changedAt: settings?.killSwitchChangedAt?.toISOString() ?? null,
    changedBy: settings?.killSwitchChangedBy ?? null,
    reason: settings?.killSwitchReason ?? null,
    platformOn: platform?.on ?? false,
  };
}
