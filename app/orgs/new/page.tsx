import type { Metadata } from "next";
import Link from "next/link";
import { CreateOrganizationForm } from "@/components/settings/create-organization-form";
import { requirePrincipal } from "@/lib/guard/org-page";
import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Create organization" };
export const dynamic = "force-dynamic";

export default async function NewOrganizationPage() {
  await requirePrincipal();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-6 py-3 font-semibold">
          <Link href="/" className="flex items-center gap-2">
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" />
            Verity
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-md space-y-6 px-6 py-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Create organization</h1>
          <p className="text-sm text-slate-500">
            You will be its owner. It gets its own members, settings and audit trail.
          </p>
        </div>
        <CreateOrganizationForm createAction={createOrganizationAction} />
        <Link href="/" className="inline-block text-sm text-brand-600 hover:underline">
          Cancel
        </Link>
      </main>
    </div>
  );
}
