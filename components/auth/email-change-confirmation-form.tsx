"use client";

import { useState, useSyncExternalStore, useTransition } from "react";
import { FormError, SubmitButton } from "@/components/ui/form-field";
import { LinkOutcome, UnusableLink } from "@/components/ui/link-outcome";
import type { ActionResult } from "@/lib/http/action-result";

const noSubscription = () => () => {};

type ConfirmAction = (input: unknown) => Promise<ActionResult<{ email: string }>>;

export function EmailChangeConfirmationForm({
  token,
  newEmail,
  confirmAction,
}: {
  token: string;
  newEmail: string;
  confirmAction: ConfirmAction;
}) {
  const [error, setError] = useState<string | null>(null);
  const [linkFailed, setLinkFailed] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The button waits for the page to be interactive: the browser's own submission would drop the token.
  const interactive = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await confirmAction({ token });
      if (result.ok) return setConfirmed(result.data.email);
      if (result.fieldErrors?.token) return setLinkFailed(result.fieldErrors.token[0]);
      setError(result.error);
    });
  }

  if (linkFailed) return <UnusableLink message={linkFailed} href="/account/profile" linkLabel="Your profile" />;
  if (confirmed) {
    return (
      <LinkOutcome outcome="done" title="Address changed" href="/account/profile" linkLabel="Your profile">
        Your account signs in with <strong>{confirmed}</strong> from now on. Your other sessions were signed out.
      </LinkOutcome>
    );
  }
  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Confirm your new address</h1>
      <p className="text-sm text-slate-600">
        Your Verity account will sign in with <strong className="break-all">{newEmail}</strong> instead of its current
        address. Your sessions on other devices end.
      </p>
      <FormError message={error} />
      <SubmitButton pending={pending} disabled={!interactive} label="Change my address" pendingLabel="Changing…" />
    </form>
  );
}
