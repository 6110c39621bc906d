"use client";

import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";

type ChangePasswordAction = (input: unknown) => Promise<ActionResult<{ revokedSessions: number }>>;

const FIELDS = ["currentPassword", "newPassword", "confirmPassword", "code"] as const;

export function PasswordChangeForm({
  changePasswordAction,
  asksForCode,
}: {
  changePasswordAction: ChangePasswordAction;
  asksForCode: boolean;
}) {
  const { submit, error, saved, fieldErrors, pending } = useSaveForm({
    read: (formData) => {
      const input: Record<string, string> = Object.fromEntries(
        FIELDS.map((key) => [key, String(formData.get(key) ?? "")]),
      );
      if (!input.code) delete input.code;
      return input;
    },
    save: changePasswordAction,
    onSaved: (data, form) => {
      form.reset();
      const others = data.revokedSessions;
      const signedOut = `${others} other session${others === 1 ? " was" : "s were"} signed out.`;
      return `Password changed. ${others === 0 ? "No other session was open." : signedOut}`;
    },
  });

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <FormError message={error} />
      {saved ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {saved}
        </p>
      ) : null}
      <FormField
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        errors={fieldErrors.currentPassword}
      />
      {asksForCode ? (
        <FormField
          name="code"
          label="Two-factor code"
          autoComplete="one-time-code"
          hint="From your authenticator app, or one of your recovery codes."
          errors={fieldErrors.code}
        />
      ) : null}
      <FormField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors.newPassword}
      />
      <FormField
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        errors={fieldErrors.confirmPassword}
      />
      <SubmitButton pending={pending} label="Change password" pendingLabel="Changing your password…" />
    </form>
  );
}
