import type { Metadata } from "next";
import { DecisionCounts } from "@/components/messaging/decision-counts";
import { KillSwitchCard } from "@/components/messaging/kill-switch-card";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { messagingOverview } from "@/lib/messaging/panel/messaging-overview";
import { setKillSwitchAction } from "./actions";

export const metadata: Metadata = { title: "Messaging" };
export const dynamic = "force-dynamic";

export default async function MessagingOverviewPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  const overview = await messagingOverview(readClient(), ctx);
  return (
    <div className="space-y-6">
      <KillSwitchCard
        orgSlug={ctx.org.slug}
        killSwitch={overview.killSwitch}
        platformSwitchOn={overview.platformSwitchOn}
        setAction={ctx.permissions.includes("messaging.kill_switch") ? setKillSwitchAction : null}
      />
      <DecisionCounts orgSlug={ctx.org.slug} overview={overview} />
    </div>
  );
}
