"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";

type RequestPasswordResetAction = (input: unknown) => Promise<ActionResult<{ message: string }>>;

export function PasswordForgotForm({
  requestPasswordResetAction,
}: {
  requestPasswordResetAction: RequestPasswordResetAction;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [answer, setAnswer] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await requestPasswordResetAction({ email });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setAnswer(result.data.message);
    });
  }

  if (answer) {
    return (
      <div className="space-y-4">
        <h1 className="text-lg font-semibold">Check your email</h1>
        <p role="status" className="text-sm text-slate-700">
          {answer} The link works once, for 30 minutes.
        </p>
        <Link href="/signin" className="block text-center text-sm font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Reset your password</h1>
      <p className="text-sm text-slate-600">
        Enter the email address of your account and we will send you a link to choose a new password.
      </p>
      <FormError message={error} />
      <FormField name="email" label="Email" type="email" autoComplete="email" errors={fieldErrors.email} />
      <SubmitButton pending={pending} label="Send reset link" pendingLabel="Sending…" />
      <p className="text-center text-sm text-slate-600">
        Remembered it?{" "}
        <Link href="/signin" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
