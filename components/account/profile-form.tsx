"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField } from "@/components/ui/form-field";
import { SaveBar, useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";

type SaveAction = (input: unknown) => Promise<ActionResult<{ changed: boolean }>>;

export function ProfileForm({ name, saveAction }: { name: string; saveAction: SaveAction }) {
  const router = useRouter();
  const { submit, error, saved, fieldErrors, pending } = useSaveForm({
    read: (form) => ({ name: String(form.get("name") ?? "") }),
    save: saveAction,
    onSaved: ({ changed }) => {
      router.refresh();
      return changed ? "Name saved." : "Nothing changed.";
    },
  });
  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate aria-label="Profile">
      <FormError message={error} />
      <FormField name="name" label="Your name" autoComplete="name" defaultValue={name} errors={fieldErrors.name} />
      <SaveBar pending={pending} label="Save name" saved={saved} />
    </form>
  );
}
