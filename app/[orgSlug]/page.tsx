import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { TIME_ZONE_COOKIE } from "@/components/audit/display-time";
import { displayTimeZoneFor } from "@/lib/auth/display-time-zone";
import { IntegrationHaltAlert } from "@/components/audit/integration-halt-alert";
import { RecentEntries } from "@/components/audit/recent-entries";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { ActivityChart } from "@/components/dashboard/activity-chart";
import { integrationHalt } from "@/lib/audit/integrate/integration-halt";
import { searchAuditEntries } from "@/lib/audit/search/search-audit-entries";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { OpenSecurityAlerts } from "@/components/security-alerts/open-security-alerts";
import { listSecurityAlerts } from "@/lib/security-alerts/list-security-alerts";
import { PersonalLanding } from "@/components/dashboard/personal-landing";
import { panelOrigin } from "@/lib/http/panel-origin";
import { loadPersonalLanding } from "@/lib/members/landing";
import { acknowledgeSecurityAlertAction, resolveSecurityAlertAction, verifyChainAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  const canReadAudit = ctx.permissions.includes("audit.read");
  const displayZone = await displayTimeZoneFor(
    getDb(),
    ctx.principal.userId,
    (await cookies()).get(TIME_ZONE_COOKIE)?.value,
  );
  const latest = canReadAudit ? await searchAuditEntries(getDb(), { orgId: ctx.org.id, q: "", limit: 20 }) : null;
  const entries = latest?.entries ?? [];
  const head = entries[0];
  const halt = await integrationHalt(getDb(), ctx.org.id);
  const canSeeAlerts = ctx.permissions.includes("security_alerts.read");
  const alerts = canSeeAlerts
    ? [
        ...(await listSecurityAlerts(getDb(), ctx, { status: "open" })),
        ...(await listSecurityAlerts(getDb(), ctx, { status: "acknowledged" })),
      ]
    : [];
  const landing = await loadPersonalLanding(getDb(), {
    orgId: ctx.org.id,
    userId: ctx.principal.userId,
    sessionId: ctx.principal.sessionId,
    permissions: ctx.permissions,
  });
  const personal = (
    <PersonalLanding
      orgSlug={ctx.org.slug}
      apiBase={panelOrigin()}
      landing={landing}
      canCreateKeys={ctx.permissions.includes("api_keys.create")}
    />
  );
  const alertActions = ctx.permissions.includes("security_alerts.manage")
    ? { acknowledge: acknowledgeSecurityAlertAction, resolve: resolveSecurityAlertAction }
    : null;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{ctx.org.name}</h1>
        <p className="text-sm text-slate-600">
          Dashboard · you are {ctx.role === "ADMIN" || ctx.role === "OWNER" ? "an" : "a"} {ctx.role.toLowerCase()}
        </p>
      </div>
      {canReadAudit ? null : personal}
      {halt ? (
        <IntegrationHaltAlert
          halt={{ seq: halt.seq.toString(), kind: halt.kind, reason: halt.reason, at: halt.at.toISOString() }}
          auditHref={`/${ctx.org.slug}/audit`}
        />
      ) : null}
      {canSeeAlerts ? <OpenSecurityAlerts orgSlug={ctx.org.slug} alerts={alerts} actions={alertActions} /> : null}
      {canReadAudit ? (
        <section aria-labelledby="activity-heading" className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-4">
            <div>
              <h2 id="activity-heading" className="text-lg font-semibold">
                Activity
              </h2>
              <p className="text-sm text-slate-500">Audit entries per day by category, last 90 days (UTC).</p>
            </div>
            <Link href={`/${ctx.org.slug}/audit`} className="text-sm font-medium text-brand-600 hover:underline">
              Open the audit trail
            </Link>
          </div>
          <ActivityChart orgSlug={ctx.org.slug} />
        </section>
      ) : null}
      {canReadAudit ? (
        <section aria-labelledby="audit-heading" className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-4">
            <div>
              <h2 id="audit-heading" className="text-lg font-semibold">
                Latest audit entries
              </h2>
              <p className="text-sm text-slate-500">
                {head ? (
                  <>
                    Chain head <span className="font-mono">#{head.seq}</span> ·{" "}
                    <span className="font-mono" title={head.hash}>
                      {head.hash.slice(0, 16)}…
                    </span>
                  </>
                ) : (
                  "The chain is empty."
                )}
              </p>
            </div>
            {ctx.permissions.includes("audit.verify") ? (
              <VerifyChainButton orgSlug={ctx.org.slug} verifyAction={verifyChainAction} />
            ) : null}
          </div>
          <RecentEntries entries={entries} zone={displayZone} />
        </section>
      ) : null}
      {canReadAudit ? personal : null}
    </div>
  );
}
