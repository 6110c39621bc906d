"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField } from "@/components/ui/form-field";
import { SaveBar, useSaveForm } from "@/components/ui/use-save-form";
import type { TApiKeyView } from "@/lib/api-keys/schemas";
import type { ActionResult } from "@/lib/http/action-result";

export type RenameApiKeyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<TApiKeyView>>;

/** The key's name, editable in place (recorded as api_key.renamed): the only setting a key changes after creation. */
export function RenameApiKeyForm({
  orgSlug,
  apiKey,
  renameAction,
}: {
  orgSlug: string;
  apiKey: TApiKeyView;
  renameAction: RenameApiKeyAction;
}) {
  const router = useRouter();
  const { submit, error, saved, fieldErrors, pending } = useSaveForm({
    read: (form) => ({ keyId: apiKey.id, name: String(form.get("name") ?? "") }),
    save: (input) => renameAction(orgSlug, input),
    onSaved: (renamed) => {
      router.refresh();
      return renamed.name === apiKey.name ? "Nothing changed." : `Renamed to "${renamed.name}".`;
    },
  });
  return (
    <form method="post" onSubmit={submit} noValidate aria-label="Rename key" className="space-y-3">
      <FormError message={error} />
      <FormField
        name="name"
        label="Name"
        defaultValue={apiKey.name}
        hint="What the key is for, as the list and the audit trail show it. Renaming is recorded."
        errors={fieldErrors.name}
      />
      <SaveBar pending={pending} label="Save name" saved={saved} />
    </form>
  );
}
