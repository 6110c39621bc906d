"use client";

import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";

type RequestAction = (input: unknown) => Promise<ActionResult<{ pendingEmail: string }>>;

const FIELDS = ["newEmail", "currentPassword", "code"] as const;

/** Asks for the new address and the password; the change itself waits for the link mailed to the new address. */
export function EmailChangeForm({
  requestAction,
  asksForCode,
}: {
  requestAction: RequestAction;
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
    save: requestAction,
    onSaved: ({ pendingEmail }, form) => {
      form.reset();
      return (
        `We sent a link to ${pendingEmail}. Your address changes when you open it (within 24 hours); ` +
        "until then you sign in as before."
      );
    },
  });

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate aria-label="Change email">
      <FormError message={error} />
      {saved ? (
        <p
          role="status"
          data-testid="email-change-sent"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          {saved}
        </p>
      ) : null}
      <FormField name="newEmail" label="New email" type="email" autoComplete="email" errors={fieldErrors.newEmail} />
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
      <SubmitButton pending={pending} label="Send confirmation link" pendingLabel="Sending…" />
    </form>
  );
}
