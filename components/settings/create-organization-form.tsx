"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";

type CreateAction = (input: unknown) => Promise<ActionResult<{ slug: string }>>;

/** A name is all it takes; the address is derived from it and can be changed later in Settings. */
export function CreateOrganizationForm({ createAction }: { createAction: CreateAction }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await createAction({ name });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      router.push(`/${result.data.slug}`);
    });
  }

  return (
    <form
      method="post"
      onSubmit={submit}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
    >
      <FormError message={error} />
      <FormField name="name" label="Organization name" autoComplete="organization" errors={fieldErrors.name} />
      <SubmitButton pending={pending} label="Create organization" pendingLabel="Creating…" />
    </form>
  );
}
