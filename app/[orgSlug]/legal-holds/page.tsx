import type { Metadata } from "next";
import { LegalHoldsPanel } from "@/components/legal-holds/legal-holds-panel";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { heldBackPurges } from "@/lib/lifecycle/archive/held-back-purges";
import { openArchiveStore } from "@/lib/lifecycle/archive/open-archive-store";
import { listLegalHolds } from "@/lib/lifecycle/legal-hold-list";
import { erasuresHeldBack } from "@/lib/privacy/erasures-held-back";
import { createLegalHoldAction, releaseLegalHoldAction } from "./actions";

export const metadata: Metadata = { title: "Legal holds" };
export const dynamic = "force-dynamic";

// Whoever reads the audit trail sees its holds; placing and releasing them is legal_holds.manage.
export default async function LegalHoldsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "audit.read");
  const held = await erasuresHeldBack(getDb(), ctx);
  const holds = (await listLegalHolds(getDb(), ctx)).map((hold) => ({
    ...hold,
    erasuresHeldBack: held.get(hold.id) ?? [],
  }));
  const heldPurges = await heldBackPurges(getDb(), { orgId: ctx.org.id, openStore: () => openArchiveStore() });
  const canManage = ctx.permissions.includes("legal_holds.manage");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Legal holds</h1>
        <p className="text-sm text-slate-500">
          What {ctx.org.name} must keep for a matter: nothing an active hold covers is purged or erased until it is
          released. Archiving goes on under a hold, since it keeps the data.
        </p>
      </div>
      <LegalHoldsPanel
        orgSlug={ctx.org.slug}
        holds={holds}
        heldPurges={heldPurges}
        actions={canManage ? { create: createLegalHoldAction, release: releaseLegalHoldAction } : null}
      />
    </div>
  );
}
