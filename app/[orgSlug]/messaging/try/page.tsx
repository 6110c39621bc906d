import type { Metadata } from "next";
import { TryNumberForm } from "@/components/messaging/try-number-form";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listCampaigns } from "@/lib/messaging/panel/list-campaigns";
import { checkNumberAction } from "../actions";

export const metadata: Metadata = { title: "Try a number" };
export const dynamic = "force-dynamic";

export default async function TryNumberPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  const campaigns = (await listCampaigns(readClient(), ctx)).filter((campaign) => !campaign.archivedAt);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        The gate&apos;s answer for a number now, as a message would get it: its seven checks in order, each with its
        reason. Nothing is sent.
      </p>
      <TryNumberForm
        orgSlug={ctx.org.slug}
        campaigns={campaigns.map(({ id, name }) => ({ id, name }))}
        checkAction={ctx.permissions.includes("messaging.send") ? checkNumberAction : null}
      />
    </div>
  );
}
