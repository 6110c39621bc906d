import type { Metadata } from "next";
import { PrivacyRequestsPanel } from "@/components/privacy-requests/privacy-requests-panel";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listDataSubjectRequests } from "@/lib/privacy/dsr-list";
import { completeDsrAction, recordDsrAction, rejectDsrAction } from "./actions";

export const metadata: Metadata = { title: "Privacy requests" };
export const dynamic = "force-dynamic";

// Requests name people and what is done with their data: owners and admins only (privacy_requests.manage).
export default async function PrivacyRequestsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "privacy_requests.manage");
  const requests = await listDataSubjectRequests(getDb(), ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Privacy requests</h1>
        <p className="text-sm text-slate-500">
          Data-subject requests to {ctx.org.name} under GDPR (answer within 30 days) or CCPA (45 days): a copy of what
          it holds about a person, or its erasure. The audit trail is kept either way, as the law allows.
        </p>
      </div>
      <PrivacyRequestsPanel
        orgSlug={ctx.org.slug}
        requests={requests}
        actions={{ record: recordDsrAction, complete: completeDsrAction, reject: rejectDsrAction }}
      />
    </div>
  );
}
