import type { Metadata } from "next";
import { PasswordChangeForm } from "@/components/account/password-change-form";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Password" };
export const dynamic = "force-dynamic";

export default async function PasswordPage() {
  const principal = await requirePrincipal();
  // Only asks for a second-factor code of someone who has one.
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: { totpEnabledAt: true },
  });
  return (
    <section className="max-w-md space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Change your password</h1>
        <p className="mt-1 text-sm text-slate-600">
          Changing it signs you out everywhere else. This browser stays signed in.
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <PasswordChangeForm changePasswordAction={changePasswordAction} asksForCode={!!user.totpEnabledAt} />
      </div>
    </section>
  );
}
