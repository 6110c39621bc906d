import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

/** The header of signed-in pages outside an organization (create one, lost access, not found): home, account, sign out. */
export function AccountHeader({ orgs = [] }: { orgs?: { slug: string; name: string }[] }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" />
          Verity
        </Link>
        <nav aria-label="Account" className="flex items-center gap-3 text-sm">
          {orgs.map((org) => (
            <Link
              key={org.slug}
              href={`/${org.slug}`}
              className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            >
              {org.name}
            </Link>
          ))}
          <Link
            href="/account"
            className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900"
          >
            Your account
          </Link>
          <SignOutButton />
        </nav>
      </div>
    </header>
  );
}
