import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysPanel } from "@/components/api-keys/api-keys-panel";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { API_KEY_SCOPES } from "@/lib/api-keys/schemas";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { createApiKeyAction, revokeApiKeyAction, rollApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "api_keys.read");
  const now = new Date();
  // Admins (api_keys.manage_all) get every key of the organization, everyone else their own.
  const apiKeys = await listApiKeys(getDb(), ctx, now);
  const manageAll = ctx.permissions.includes("api_keys.manage_all");
  const canCreate = ctx.permissions.includes("api_keys.create");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
          <p className="text-sm text-slate-500">
            {manageAll ? `Every key in ${ctx.org.name}.` : "Your keys in this organization."} A key acts for the person
            who created it, with its scopes, and never beyond that person&apos;s current role.
          </p>
          {manageAll ? (
            <p className="text-sm text-slate-500">
              You may revoke anyone&apos;s key. Only a key&apos;s creator can roll it, since rolling reveals a new
              secret that acts as them.
            </p>
          ) : null}
        </div>
        <Link href={`/${ctx.org.slug}/api-docs`} className="text-sm font-medium text-brand-600 hover:underline">
          API docs →
        </Link>
      </div>
      <ApiKeysPanel
        orgSlug={ctx.org.slug}
        apiKeys={apiKeys}
        now={now.toISOString()}
        scopes={canCreate ? API_KEY_SCOPES.filter((scope) => ctx.permissions.includes(scope)) : []}
        canCreate={canCreate}
        showCreator={manageAll}
        viewerId={ctx.principal.userId}
        createAction={createApiKeyAction}
        rollAction={rollApiKeyAction}
        revokeAction={revokeApiKeyAction}
      />
    </div>
  );
}
