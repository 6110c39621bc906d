import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountHeader } from "@/components/layout/account-header";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { formerOrgName } from "@/lib/orgs/former-membership";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";

export const metadata: Metadata = { title: "No longer a member" };
export const dynamic = "force-dynamic";

/** Where a removed (or departed) member lands instead of a bare 404; anyone else gets the 404. */
export default async function NoAccessPage({ searchParams }: { searchParams: Promise<{ org?: string | string[] }> }) {
  const principal = await requirePrincipal();
  const { org } = await searchParams;
  const db = getDb();
  const name = typeof org === "string" ? await formerOrgName(db, { userId: principal.userId, slug: org }) : null;
  if (!name) notFound();
  const orgs = await listUserOrgs(db, principal.userId);
  return (
    <div className="min-h-screen">
      <AccountHeader orgs={orgs} />
      <main className="mx-auto max-w-md space-y-4 px-6 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">You no longer have access to {name}</h1>
        <p className="text-sm text-slate-700">
          An administrator removed you from {name}, or you left it. To come back, ask one of its owners to invite you
          again.
        </p>
        <p className="text-sm">
          {orgs.length ? (
            <Link href={`/${orgs[0].slug}`} className="font-medium text-brand-600 hover:underline">
              Go to {orgs[0].name}
            </Link>
          ) : (
            <Link href="/orgs/new" className="font-medium text-brand-600 hover:underline">
              Create an organization
            </Link>
          )}
        </p>
      </main>
    </div>
  );
}
