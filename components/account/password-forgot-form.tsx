"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";

type RequestPasswordResetAction = (input: unknown) => Promise<ActionResult<{ message: string }>>;

/** Without a mail server (`mailSent` false) the link waits in the outbox: the answer says so, never "we've sent". */
export function PasswordForgotForm({
  requestPasswordResetAction,
  mailSent,
}: {
  requestPasswordResetAction: RequestPasswordResetAction;
  mailSent: boolean;
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
        <h1 className="text-lg font-semibold">{mailSent ? "Check your email" : "Reset link requested"}</h1>
        <p role="status" className="text-sm text-slate-700">
          {mailSent
            ? answer
            : "If an account exists for that address, a link to reset its password is waiting in this Verity's " +
              "outbox: no mail server is configured, so it was not sent. Whoever runs this Verity reads it with " +
              "npx verity outbox."}{" "}
          The link works once, for 30 minutes.
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
