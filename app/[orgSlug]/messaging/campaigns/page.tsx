import type { Metadata } from "next";
import { CampaignsPanel } from "@/components/messaging/campaigns-panel";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listCampaigns } from "@/lib/messaging/panel/list-campaigns";
import { describeRule, RULES, RULES_VERSION } from "@/lib/messaging/rules";
import { archiveCampaignAction, createCampaignAction } from "../actions";

export const metadata: Metadata = { title: "Campaigns and rules" };
export const dynamic = "force-dynamic";

export default async function CampaignsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  const campaigns = await listCampaigns(readClient(), ctx);
  const manages = ctx.permissions.includes("messaging.manage");
  return (
    <div className="space-y-8">
      <section aria-labelledby="campaigns-heading" className="space-y-3">
        <h2 id="campaigns-heading" className="text-lg font-semibold text-slate-900">
          Campaigns
        </h2>
        <CampaignsPanel
          orgSlug={ctx.org.slug}
          campaigns={campaigns}
          createAction={manages ? createCampaignAction : null}
          archiveAction={manages ? archiveCampaignAction : null}
        />
      </section>
      <section aria-labelledby="rules-heading" className="space-y-3">
        <h2 id="rules-heading" className="text-lg font-semibold text-slate-900">
          The rules the gate applies
        </h2>
        <p className="text-sm text-slate-600">
          The federal floor applies to every message; a recipient&apos;s state adds its own rules, and so do the states
          a campaign names. Where several apply, the strictest wins. Rules version {RULES_VERSION}.
        </p>
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          role="region"
          aria-label="The rules the gate applies"
          tabIndex={0}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Messaging rules">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Rule
                </th>
                <th scope="col" className="px-3 py-2">
                  Where
                </th>
                <th scope="col" className="px-3 py-2">
                  What it requires
                </th>
                <th scope="col" className="px-3 py-2">
                  Statute
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {RULES.map((rule) => (
                <tr key={rule.id} data-testid="rule-row" className="align-top">
                  <td className="px-3 py-2 font-mono text-xs">{rule.id}</td>
                  <td className="px-3 py-2">{rule.jurisdiction}</td>
                  <td className="px-3 py-2">
                    {describeRule(rule)}
                    {rule.note ? <span className="block text-xs text-slate-500">{rule.note}</span> : null}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-700">{rule.statute}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
