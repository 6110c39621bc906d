import Link from "next/link";

/** What every 404 says: the page does not exist, or this account may not see it (the two are not told apart). */
export function NotFoundMessage() {
  return (
    <div className="flex flex-col items-center gap-3 py-16 text-center">
      <p className="text-sm font-medium text-brand-700">404</p>
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="max-w-sm text-sm text-slate-600">This page does not exist, or your account has no access to it.</p>
      <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
        Back to your dashboard
      </Link>
    </div>
  );
}
