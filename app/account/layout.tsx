import Link from "next/link";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requirePrincipal } from "@/lib/guard/org-page";

/** Pages about the signed-in person (second factor, password), outside any organization. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 whitespace-nowrap px-6 py-3">
          <div className="flex items-center gap-3">
            <Link href="/" className="flex items-center gap-2 font-semibold">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" />
              Verity
            </Link>
            <span className="text-slate-300">/</span>
            <span className="text-sm font-medium">Your account</span>
            <nav aria-label="Account" className="ml-6 flex items-center gap-1 text-sm">
              <Link
                href="/account/two-factor"
                className="rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              >
                Two-factor
              </Link>
              <Link
                href="/account/profile"
                className="rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              >
                Profile
              </Link>
              <Link
                href="/account/password"
                className="rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              >
                Password
              </Link>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="truncate text-slate-600">{principal.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
