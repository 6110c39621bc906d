"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-field";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { stepUpHref } from "@/components/ui/step-up-needed";
import type { ActionResult } from "@/lib/http/action-result";

type DeleteAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ slug: string }>>;

/**
 * The danger zone: the owner types the organization's address to delete it, after a recent step-up.
 * The button stays disabled until the address matches, so a stray click or Enter cannot delete.
 */
export function DeleteOrganization({
  orgSlug,
  orgName,
  steppedUp,
  deleteAction,
}: {
  orgSlug: string;
  orgName: string;
  steppedUp: boolean;
  deleteAction: DeleteAction;
}) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const stepUpLink = stepUpHref(`/${orgSlug}/settings`);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFieldError(null);
    startTransition(async () => {
      const result = await deleteAction(orgSlug, { confirmSlug: typed });
      if (!result.ok) {
        setError(result.error);
        setFieldError(result.fieldErrors?.confirmSlug?.join(" ") ?? null);
        // The step-up may have lapsed since the page loaded: re-read it so the link to renew it shows.
        router.refresh();
        return;
      }
      router.replace("/");
      router.refresh();
    });
  }

  return (
    <section aria-labelledby="danger-zone-heading" className="space-y-4 rounded-lg border border-red-200 bg-white p-6">
      <div>
        <h2 id="danger-zone-heading" className="text-lg font-semibold text-red-700">
          Danger zone
        </h2>
        <p className="text-sm text-slate-600">
          Deleting {orgName} closes it for every member at once: its pages, API and keys stop answering. Its audit trail
          is kept, unchanged, as evidence.
        </p>
      </div>
      {!steppedUp ? <StepUpNotice href={stepUpLink} action="Deleting" /> : null}
      <form method="post" onSubmit={submit} className="space-y-3" noValidate>
        <FormError message={error} />
        <div className="space-y-1">
          <label htmlFor="confirmSlug" className="block text-sm font-medium text-slate-700">
            Type <span className="font-mono">{orgSlug}</span> to confirm
          </label>
          <input
            id="confirmSlug"
            name="confirmSlug"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "confirmSlug-error" : undefined}
            className={
              "block w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm " +
              "focus:border-red-600 focus:outline-none aria-invalid:border-red-500"
            }
          />
          {fieldError ? (
            <p id="confirmSlug-error" role="alert" className="text-xs text-red-600">
              {fieldError}
            </p>
          ) : null}
        </div>
        <button
          type="submit"
          disabled={pending || typed.trim() !== orgSlug}
          className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50"
        >
          {pending ? "Deleting…" : "Delete organization"}
        </button>
      </form>
    </section>
  );
}
