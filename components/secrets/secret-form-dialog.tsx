"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { errorsByField, FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TSecretView } from "@/lib/secrets/secret-schemas";
import type { SecretAction } from "./secret-actions";

type Props = {
  orgSlug: string;
  /** Null: a new secret; else a new version of this one. */
  secret: TSecretView | null;
  action: SecretAction<{ name: string }>;
  onSaved: (name: string) => void;
  onClose: () => void;
};

/** Creates a secret, or saves a new version of one (the value is write-only here: the form never shows the old one). */
export function SecretFormDialog({ orgSlug, secret, action, onSaved, onClose }: Props) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get("value") ?? "");
    const description = String(form.get("description") ?? "");
    const input = secret
      ? { secretId: secret.id, value, description }
      : { name: String(form.get("name") ?? ""), value, description };
    startTransition(async () => {
      const result = await action(orgSlug, input);
      if (result.ok) return onSaved(result.data.name);
      setError(result.error);
      setFields(errorsByField(result.fieldErrors));
    });
  };
  const field = (name: string, label: string, control: React.ReactNode) => (
    <div className="space-y-1 text-sm">
      <label htmlFor={`${id}-${name}`} className="block font-medium text-slate-700">
        {label}
      </label>
      {control}
      <FieldErrors id={`${id}-${name}-error`} errors={fields[name]} />
    </div>
  );
  const invalid = (name: string) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": fields[name]?.length ? true : undefined,
    "aria-describedby": fields[name]?.length ? `${id}-${name}-error` : undefined,
  });
  const title = secret ? `New version of ${secret.name}` : "New secret";
  return (
    <Dialog title={title} onClose={onClose} size="lg">
      <form method="post" onSubmit={submit} noValidate className="space-y-4" aria-label={title}>
        <FormError message={error} />
        {secret
          ? null
          : field(
              "name",
              "Name",
              <input {...invalid("name")} className={`${inputStyles} font-mono`} autoComplete="off" />,
            )}
        {field(
          "description",
          "Description (optional)",
          <input {...invalid("description")} defaultValue={secret?.description ?? ""} className={inputStyles} />,
        )}
        {field(
          "value",
          secret ? "New value" : "Value",
          <textarea
            {...invalid("value")}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            className={`${inputStyles} font-mono`}
          />,
        )}
        <p className="text-xs text-slate-500">
          Up to 64 KB. Stored encrypted;{" "}
          {secret ? "the earlier versions stay, revealable by owners" : "it starts at version 1"}.
        </p>
        <DialogActions
          onCancel={onClose}
          label={secret ? "Save new version" : "Create secret"}
          pendingLabel="Saving…"
          pending={pending}
        />
      </form>
    </Dialog>
  );
}
