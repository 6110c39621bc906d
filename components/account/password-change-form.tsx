"use client";

import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";

type ChangePasswordAction = (input: unknown) => Promise<ActionResult<{ revokedSessions: number }>>;

const FIELDS = ["currentPassword", "newPassword", "confirmPassword", "code"] as const;

export function PasswordChangeForm({ changePasswordAction, asksForCode }: { changePasswordAction: ChangePasswordAction; asksForCode: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // onSubmit rather than a form action: React resets a form after its action, which would wipe what
  // the person typed whenever we answer with an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form);
    const input: Record<string, string> = Object.fromEntries(FIELDS.map((key) => [key, String(formData.get(key) ?? "")]));
    if (!input.code) delete input.code;
    setError(null);
    setFieldErrors({});
    setDone(null);
    startTransition(async () => {
      const result = await changePasswordAction(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      form.reset();
      const others = result.data.revokedSessions;
      setDone(`Password changed. ${others === 0 ? "No other session was open." : `${others} other session${others === 1 ? " was" : "s were"} signed out.`}`);
    });
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <FormError message={error} />
      {done ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      ) : null}
      <FormField name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={fieldErrors.currentPassword} />
      {asksForCode ? (
        <FormField
          name="code"
          label="Two-factor code"
          autoComplete="one-time-code"
          hint="From your authenticator app, or one of your recovery codes."
          errors={fieldErrors.code}
        />
      ) : null}
      <FormField name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." errors={fieldErrors.newPassword} />
      <FormField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" errors={fieldErrors.confirmPassword} />
      <SubmitButton pending={pending} label="Change password" pendingLabel="Changing your password…" />
    </form>
  );
}
