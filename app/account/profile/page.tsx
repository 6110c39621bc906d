import type { Metadata } from "next";
import { EmailChangeForm } from "@/components/account/email-change-form";
import { ProfileForm } from "@/components/account/profile-form";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { requestEmailChangeAction, updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };
export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const principal = await requirePrincipal();
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: { name: true, email: true, totpEnabledAt: true },
  });
  return (
    <section className="max-w-md space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Profile</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your name is shown to the other members of your organizations and in their audit trails.
        </p>
      </div>
      <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <ProfileForm name={user.name} saveAction={updateProfileAction} />
        <div className="text-sm">
          <p className="font-medium text-slate-700">Email</p>
          <p className="break-words text-slate-700" data-testid="profile-email">
            {user.email}
          </p>
        </div>
      </div>
      <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <h2 className="font-medium text-slate-900">Change email</h2>
          <p className="mt-1 text-sm text-slate-600">
            We mail a link to the new address and tell the current one. The change applies when the link is opened, and
            signs you out everywhere else.
          </p>
        </div>
        <EmailChangeForm requestAction={requestEmailChangeAction} asksForCode={!!user.totpEnabledAt} />
      </div>
    </section>
  );
}
