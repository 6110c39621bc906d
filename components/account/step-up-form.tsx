"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";

/** Re-authentication before a sensitive action: password, and a code when 2FA is on. */
export function StepUpForm({
  action,
  needsCode,
  next,
}: {
  action: (input: unknown) => Promise<ActionResult<{ ok: boolean }>>;
  needsCode: boolean;
  next: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await action({
        password: String(form.get("password") ?? ""),
        code: needsCode ? String(form.get("code") ?? "") : undefined,
      });
      if (!result.ok) return setError(result.fieldErrors?.password?.[0] ?? result.error);
      // The page checked `next`; checked again where it is followed, so no other caller can slip one through.
      router.replace(safeRedirectPath(next, window.location.origin, "/account"));
      router.refresh();
    });
  }

  return (
    <form method="post" onSubmit={submit} className="max-w-sm space-y-4" noValidate>
      <FormError message={error} />
      <FormField name="password" label="Password" type="password" autoComplete="current-password" />
      {needsCode ? (
        <FormField name="code" label="Authentication code or recovery code" autoComplete="one-time-code" />
      ) : null}
      <SubmitButton pending={pending} label="Confirm" pendingLabel="Checking…" />
    </form>
  );
}
