"use client";

import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import { LinkOutcome, UnusableLink } from "@/components/ui/link-outcome";
import type { ActionResult } from "@/lib/http/action-result";

type CompletePasswordResetAction = (input: unknown) => Promise<ActionResult<{ email: string }>>;

/** What a used, expired or made-up link shows: the way to a fresh one. */
export function InvalidResetLink({ message }: { message?: string }) {
  const fallback = "This reset link is invalid, has expired or has already been used.";
  return <UnusableLink message={message ?? fallback} href="/forgot-password" linkLabel="Request a new link" />;
}

export function PasswordResetForm({
  token,
  completePasswordResetAction,
}: {
  token: string;
  completePasswordResetAction: CompletePasswordResetAction;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [linkFailed, setLinkFailed] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const input = {
      token,
      password: String(formData.get("password") ?? ""),
      confirmPassword: String(formData.get("confirmPassword") ?? ""),
    };
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await completePasswordResetAction(input);
      if (result.ok) return setDone(true);
      if (result.fieldErrors?.token) return setLinkFailed(result.fieldErrors.token[0]);
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    });
  }

  if (linkFailed) return <InvalidResetLink message={linkFailed} />;
  if (done) {
    return (
      <LinkOutcome outcome="done" title="Password changed" href="/signin" linkLabel="Sign in with your new password">
        Your new password is set and every session of your account has been signed out.
      </LinkOutcome>
    );
  }
  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      <FormError message={error} />
      <FormField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors.password}
      />
      <FormField
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        errors={fieldErrors.confirmPassword}
      />
      <SubmitButton pending={pending} label="Set new password" pendingLabel="Setting your password…" />
    </form>
  );
}
