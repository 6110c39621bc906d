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
  const [kind, setKind] = useState<"text" | "file">("text");
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get("description") ?? "");
    const picked = form.get("file");
    startTransition(async () => {
      // A file travels as its bytes in base64 with its name and type; the server checks the 64 KB limit.
      const content =
        kind === "text"
          ? { value: String(form.get("value") ?? "") }
          : picked instanceof File && picked.size > 0
            ? {
                file: {
                  name: picked.name,
                  contentType: picked.type || undefined,
                  contentBase64: await base64Of(picked),
                },
              }
            : null;
      if (!content) {
        setError(null);
        return setFields({ file: ["Choose a file."] });
      }
      const input = secret
        ? { secretId: secret.id, ...content, description }
        : { name: String(form.get("name") ?? ""), ...content, description };
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
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium text-slate-700">Holds</legend>
          <div className="flex gap-4">
            {(["text", "file"] as const).map((option) => (
              <label key={option} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                {option === "text" ? "Text" : "A file"}
              </label>
            ))}
          </div>
        </fieldset>
        {kind === "text"
          ? field(
              "value",
              secret ? "New value" : "Value",
              <textarea
                {...invalid("value")}
                rows={4}
                spellCheck={false}
                autoComplete="off"
                className={`${inputStyles} font-mono`}
              />,
            )
          : field("file", secret ? "New file" : "File", <input {...invalid("file")} type="file" className="text-sm" />)}
        <p className="text-xs text-slate-500">
          Up to 64 KB{kind === "file" ? " (its name and type are kept as they are; its content is encrypted)" : ""}.
          Stored encrypted; {secret ? "the earlier versions stay, revealable by owners" : "it starts at version 1"}.
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

/** A file's bytes in base64, as the server takes them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
