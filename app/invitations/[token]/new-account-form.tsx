"use client";

import { useRouter } from "next/navigation";
import { useGrantSignIn } from "@/components/auth/use-grant-sign-in";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";

type AcceptAsNewUserAction = (input: unknown) => Promise<ActionResult<{ orgSlug: string; grant: string }>>;
type Props = { token: string; email: string; orgName: string; acceptAsNewUserAction: AcceptAsNewUserAction };

/** An invitee without an account creates one and joins in one step; the email is the invitation's and cannot change. */
export function NewAccountForm({ token, email, orgName, acceptAsNewUserAction }: Props) {
  const router = useRouter();
  const enterWithGrant = useGrantSignIn();
  const { submit, error, fieldErrors, pending } = useSaveForm({
    read: (formData) => ({
      token,
      name: String(formData.get("name") ?? ""),
      password: String(formData.get("password") ?? ""),
    }),
    save: acceptAsNewUserAction,
    onSaved: async (data) => {
      if (!(await enterWithGrant(data.grant, `/${data.orgSlug}`))) router.replace("/signin");
      return null;
    },
  });

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-700">Create your account to accept.</p>
      <FormError message={error} />
      <div className="space-y-1">
        <label htmlFor="invited-email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="invited-email"
          type="email"
          value={email}
          readOnly
          className="block w-full rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600"
        />
      </div>
      <FormField name="name" label="Your name" autoComplete="name" errors={fieldErrors.name} />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors.password}
      />
      <SubmitButton
        pending={pending}
        label={`Create account and join ${orgName}`}
        pendingLabel="Creating your account…"
      />
    </form>
  );
}
