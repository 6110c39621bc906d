import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Suspense } from "react";
import { AuditTrailScreen } from "@/components/audit/audit-trail-screen";
import { TIME_ZONE_COOKIE } from "@/components/audit/display-time";
import { displayTimeZoneFor } from "@/lib/auth/display-time-zone";
import { latestCheckpointView } from "@/lib/audit/published/latest-checkpoint-view";
import { listSavedSearches } from "@/lib/audit/saved-searches";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { archivedRangeView } from "@/lib/lifecycle/archive/archived-range";
import { readOrgSettings } from "@/lib/orgs/update-org-settings";
import { setDisplayTimeZoneAction } from "@/app/account/profile/actions";
import { deleteAuditSearchAction, saveAuditSearchAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

/**
 * The screen reads its search from the address bar and its entries from the audit-entries routes; the latest
 * signed checkpoint and the archived range are read here, once the guard has let the session in with audit.read.
 */
export default async function AuditTrailPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "audit.read");
  const checkpoint = await latestCheckpointView(getDb(), ctx.org.id);
  const archived = await archivedRangeView(getDb(), ctx.org.id);
  const settings = await readOrgSettings(getDb(), ctx.org.id);
  const saved = await listSavedSearches(getDb(), ctx.org.id, ctx.principal.userId);
  const displayZone = await displayTimeZoneFor(
    getDb(),
    ctx.principal.userId,
    (await cookies()).get(TIME_ZONE_COOKIE)?.value,
  );
  return (
    <Suspense>
      <AuditTrailScreen
        orgSlug={ctx.org.slug}
        canExport={ctx.permissions.includes("audit.export")}
        compressExports={settings.featureFlags.audit_export_gzip}
        canVerify={ctx.permissions.includes("audit.verify")}
        checkpoint={checkpoint}
        archived={archived}
        displayZone={displayZone}
        saveDisplayZone={setDisplayTimeZoneAction}
        savedSearches={{
          initial: saved,
          canManageShared: ctx.permissions.includes("org.update"),
          save: saveAuditSearchAction,
          remove: deleteAuditSearchAction,
        }}
      />
    </Suspense>
  );
}
