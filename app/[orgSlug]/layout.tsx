import Link from "next/link";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { loadOrgPage } from "@/lib/guard";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org, principal, role } = await loadOrgPage(orgSlug, "org.read");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
          <div className="flex items-center gap-3">
            <Link href={`/${org.slug}`} className="flex items-center gap-2 font-semibold">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" />
              Verity
            </Link>
            <span className="text-slate-300">/</span>
            <span className="text-sm font-medium" data-testid="org-name">
              {org.name}
            </span>
            <nav aria-label="Organization" className="ml-6 flex items-center gap-1 text-sm">
              <Link href={`/${org.slug}`} className="rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                Dashboard
              </Link>
              <Link href={`/${org.slug}/security/sessions`} className="rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                Security
              </Link>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/account" className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              {principal.name} <span className="text-slate-400">· {role.toLowerCase()}</span>
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
