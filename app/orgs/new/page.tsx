import type { Metadata } from "next";
import Link from "next/link";
import { AccountHeader } from "@/components/layout/account-header";
import { CreateOrganizationForm } from "@/components/settings/create-organization-form";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";
import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Create organization" };
export const dynamic = "force-dynamic";

export default async function NewOrganizationPage() {
  const principal = await requirePrincipal();
  const orgs = await listUserOrgs(getDb(), principal.userId);
  return (
    <div className="min-h-screen">
      <AccountHeader orgs={orgs} />
      <main className="mx-auto max-w-md space-y-6 px-6 py-8">
        {orgs.length === 0 ? (
          <p
            role="status"
            data-testid="no-organization"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            You are not a member of any organization (you left your last one, or were removed from it). Create one here,
            ask an owner to invite you to theirs, or sign out.
          </p>
        ) : null}
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Create organization</h1>
          <p className="text-sm text-slate-600">
            You will be its owner. It gets its own members, settings and audit trail.
          </p>
        </div>
        <CreateOrganizationForm createAction={createOrganizationAction} />
        {/* "/" leads back here when there is no organization to go to: Cancel would only loop. */}
        {orgs.length ? (
          <Link href="/" className="inline-block text-sm text-brand-600 hover:underline">
            Cancel
          </Link>
        ) : null}
      </main>
    </div>
  );
}
