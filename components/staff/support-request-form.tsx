"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormField } from "@/components/ui/form-field";
import { StatusMessage, type Status } from "@/components/ui/status-message";
import type { ActionResult } from "@/lib/http/action-result";

type RequestAction = (input: unknown) => Promise<ActionResult<{ id: string; state: string; orgSlug: string }>>;

/** Asks to open an organization in support mode: its slug and a justification the customer will read. */
export function SupportRequestForm({ requestAction }: { requestAction: RequestAction }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      orgSlug: String(form.get("orgSlug") ?? ""),
      justification: String(form.get("justification") ?? ""),
    };
    startTransition(async () => {
      const result = await requestAction(input);
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      if (!result.ok) return setStatus({ ok: false, text: result.error });
      const { state, orgSlug } = result.data;
      setStatus({
        ok: true,
        text:
          state === "pending"
            ? `Requested: ${orgSlug} asks an owner's approval first.`
            : `Support session started in ${orgSlug}.`,
      });
      router.refresh();
    });
  };
  return (
    <form
      method="post"
      onSubmit={submit}
      className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
    >
      <h2 className="text-lg font-semibold">Open an organization in support mode</h2>
      <FormField name="orgSlug" label="Organization (slug)" errors={fieldErrors.orgSlug} />
      <div className="space-y-1">
        <label htmlFor="justification" className="block text-sm font-medium text-slate-700">
          Justification
        </label>
        <textarea
          id="justification"
          name="justification"
          rows={3}
          required
          aria-invalid={fieldErrors.justification?.length ? true : undefined}
          aria-describedby="justification-error"
          className={inputStyles}
        />
        <FieldErrors id="justification-error" errors={fieldErrors.justification} />
      </div>
      <StatusMessage status={status} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
      >
        Request access
      </button>
    </form>
  );
}
