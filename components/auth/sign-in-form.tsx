"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { SignInStep } from "@/lib/auth/sign-in-step";
import type { ActionResult } from "@/lib/http/action-result";
import { useGrantSignIn } from "./use-grant-sign-in";

type StepAction<I> = (input: I) => Promise<ActionResult<SignInStep>>;

/** `destination` is the page's checked path on the panel (lib/http/safe-redirect-path.ts). */
export function SignInForm({
  beginAction,
  secondFactorAction,
  destination,
}: {
  beginAction: StepAction<{ email: string; password: string }>;
  secondFactorAction: StepAction<{ challenge: string; code: string }>;
  destination: string;
}) {
  const enterWithGrant = useGrantSignIn();
  const [error, setError] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  async function advance(result: ActionResult<SignInStep>) {
    if (!result.ok) return setError(result.error);
    const step = result.data;
    if (step.status === "second_factor") return setChallenge(step.challenge);
    if (step.status !== "ready") return setError(step.message);
    // After a recovery code, the two-factor page says how many are left, then leads on to the destination.
    const next =
      step.recoveryCodesLeft === undefined
        ? destination
        : `/account/two-factor?recovered=1&next=${encodeURIComponent(destination)}`;
    if (!(await enterWithGrant(step.grant, next))) {
      setError("Your sign-in has expired. Enter your email and password again.");
    }
  }

  // onSubmit rather than a form action: React resets a form after its action, which would wipe what
  // the person typed whenever we answer with an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const field = (name: string) => String(formData.get(name) ?? "");
    setError(null);
    startTransition(async () => {
      if (challenge) await advance(await secondFactorAction({ challenge, code: field("code") }));
      else await advance(await beginAction({ email: field("email"), password: field("password") }));
    });
  }

  if (challenge) {
    return (
      <form method="post" onSubmit={submit} className="space-y-4" noValidate>
        <h1 className="text-lg font-semibold">Two-factor authentication</h1>
        <p className="text-sm text-slate-600">
          Enter the 6-digit code from your authenticator app, or one of your recovery codes.
        </p>
        <FormError message={error} />
        <FormField name="code" label="Authentication code" autoComplete="one-time-code" />
        <SubmitButton pending={pending} label="Verify" pendingLabel="Verifying…" />
        <button
          type="button"
          onClick={() => setChallenge(null)}
          className="w-full text-center text-sm text-slate-600 hover:underline"
        >
          Start over
        </button>
      </form>
    );
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Sign in</h1>
      <FormError message={error} />
      <FormField name="email" label="Email" type="email" autoComplete="email" />
      <FormField name="password" label="Password" type="password" autoComplete="current-password" />
      <p className="text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
      <p className="text-center text-sm text-slate-600">
        New to Verity?{" "}
        <Link href="/signup" className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
