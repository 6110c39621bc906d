import type { Metadata } from "next";
import { SecretsPanel } from "@/components/secrets/secrets-panel";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listSecrets } from "@/lib/secrets/list-secrets";
import * as actions from "./actions";

export const metadata: Metadata = { title: "Secrets" };
export const dynamic = "force-dynamic";

// Everyone sees the secrets shared with them (or their role); owners see and manage them all. Values never
// come with the page: a reveal is an action of its own, after a step-up, on the record.
export default async function SecretsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  const db = getDb();
  const manages = ctx.permissions.includes("secrets.manage");
  const [secrets, deleted, memberships] = await Promise.all([
    listSecrets(db, ctx),
    manages ? listSecrets(db, ctx, { deleted: true }) : [],
    manages
      ? db.membership.findMany({
          where: { orgId: ctx.org.id, role: { not: "OWNER" } },
          select: { userId: true, role: true, user: { select: { email: true } } },
          orderBy: { user: { email: "asc" } },
        })
      : [],
  ]);
  const members = memberships.map((m) => ({ userId: m.userId, email: m.user.email, role: m.role }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Secrets</h1>
        <p className="text-sm text-slate-500">
          {manages
            ? `${ctx.org.name}'s credentials, encrypted under the organization's own data key. Every reveal is on the record.`
            : "The credentials an owner of " + ctx.org.name + " shared with you. Every reveal is on the record."}
        </p>
      </div>
      <SecretsPanel
        orgSlug={ctx.org.slug}
        secrets={secrets}
        deleted={deleted}
        members={members}
        actions={{
          reveal: actions.revealSecretAction,
          manage: manages
            ? {
                create: actions.createSecretAction,
                update: actions.updateSecretAction,
                share: actions.shareSecretAction,
                unshare: actions.unshareSecretAction,
                remove: actions.deleteSecretAction,
                restore: actions.restoreSecretAction,
              }
            : null,
        }}
      />
    </div>
  );
}
