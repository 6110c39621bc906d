"use client";

import { useState, useSyncExternalStore, useTransition } from "react";
import { FormError, SubmitButton } from "@/components/ui/form-field";
import { LinkOutcome, UnusableLink } from "@/components/ui/link-outcome";
import type { ActionResult } from "@/lib/http/action-result";

const noSubscription = () => () => {};

type VerifyEmailAction = (input: unknown) => Promise<ActionResult<{ email: string }>>;

/** What a used, expired or made-up link shows: how to get a fresh one. */
export function InvalidConfirmationLink({ message }: { message?: string }) {
  const fallback =
    "This confirmation link is invalid, has expired or has already been used. " +
    "Sign in with your email and password to receive a new one.";
  return <UnusableLink message={message ?? fallback} href="/signin" linkLabel="Sign in" />;
}

export function EmailConfirmationForm({
  token,
  verifyEmailAction,
}: {
  token: string;
  verifyEmailAction: VerifyEmailAction;
}) {
  const [error, setError] = useState<string | null>(null);
  const [linkFailed, setLinkFailed] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // A form with nothing to type is easily sent before the page is interactive: the browser's own
  // submission would drop the token and show "invalid link". The button waits for the page instead.
  const interactive = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await verifyEmailAction({ token });
      if (result.ok) return setConfirmed(result.data.email);
      if (result.fieldErrors?.token) return setLinkFailed(result.fieldErrors.token[0]);
      setError(result.error);
    });
  }

  if (linkFailed) return <InvalidConfirmationLink message={linkFailed} />;
  if (confirmed) {
    return (
      <LinkOutcome outcome="done" title="Email address confirmed" href="/signin" linkLabel="Sign in">
        <strong>{confirmed}</strong> is confirmed. Sign in with it and your password.
      </LinkOutcome>
    );
  }
  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Confirm your email address</h1>
      <p className="text-sm text-slate-600">Confirm that this address is yours to start using your Verity account.</p>
      <p className="text-sm text-slate-600">
        Only if you created this account yourself, just now: if you did not, close this page. Confirming would hand an
        account in your name to whoever created it.
      </p>
      <FormError message={error} />
      <SubmitButton
        pending={pending}
        disabled={!interactive}
        label="Confirm my email address"
        pendingLabel="Confirming…"
      />
    </form>
  );
}
