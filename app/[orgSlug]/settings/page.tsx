import type { Metadata } from "next";
import Link from "next/link";
import { DeleteOrganization } from "@/components/settings/delete-organization";
import { OrgSettingsForm } from "@/components/settings/org-settings-form";
import { RetentionPolicyForm } from "@/components/settings/retention-policy-form";
import { hasRecentStepUp } from "@/lib/auth/step-up";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { panelOrigin } from "@/lib/http/panel-origin";
import { retentionPolicyOf } from "@/lib/lifecycle/retention-policy";
import { FEATURE_FLAGS, readOrgSettings } from "@/lib/orgs/update-org-settings";
import { deleteOrganizationAction, updateOrgSettingsAction, updateRetentionPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function OrgSettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.update");
  const db = getDb();
  const settings = await readOrgSettings(db, ctx.org.id);
  const canDelete = ctx.permissions.includes("org.delete");
  const canSetRetention = ctx.permissions.includes("org.retention_policy");
  const steppedUp = canDelete || canSetRetention ? await hasRecentStepUp(db, ctx.principal.sessionId) : false;
  return (
    <div className="max-w-2xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-slate-500">
          Name, address, branding, invitations, features and audit retention of {ctx.org.name}.
        </p>
      </div>
      {ctx.permissions.includes("org.security_policy") ? (
        <p className="text-sm">
          Two-factor requirements and session limits live in{" "}
          <Link href={`/${ctx.org.slug}/security/policy`} className="font-medium text-brand-600 hover:underline">
            Security policy
          </Link>
          .
        </p>
      ) : null}
      <OrgSettingsForm
        orgSlug={ctx.org.slug}
        settings={settings}
        flags={FEATURE_FLAGS}
        saveAction={updateOrgSettingsAction}
        urlPrefix={`${panelOrigin().replace(/^https?:\/\//, "")}/`}
      />
      <RetentionPolicyForm
        orgSlug={ctx.org.slug}
        policy={await retentionPolicyOf(db, ctx.org.id)}
        canChange={canSetRetention}
        steppedUp={steppedUp}
        saveAction={updateRetentionPolicyAction}
      />
      {canDelete ? (
        <DeleteOrganization
          orgSlug={ctx.org.slug}
          orgName={ctx.org.name}
          steppedUp={steppedUp}
          deleteAction={deleteOrganizationAction}
        />
      ) : null}
    </div>
  );
}
