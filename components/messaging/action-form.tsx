"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useId } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";

export type MessagingAction<T> = (orgSlug: string, input: unknown) => Promise<ActionResult<T>>;

const FormFields = createContext<{ prefix: string; errors: Record<string, string[]> }>({ prefix: "", errors: {} });

type Props<T> = {
  orgSlug: string;
  /** The form's accessible name. */
  label: string;
  action: MessagingAction<T>;
  read: (form: FormData) => unknown;
  submitLabel: string;
  pendingLabel: string;
  /** What to say once done (the page is refreshed and the form emptied). */
  onDone: (data: T) => string;
  children: React.ReactNode;
  className?: string;
};

/** A messaging form over a server action: field errors under their fields, the form's error above, a status after. */
export function ActionForm<T>({
  orgSlug,
  label,
  action,
  read,
  submitLabel,
  pendingLabel,
  onDone,
  children,
  className,
}: Props<T>) {
  const router = useRouter();
  const prefix = useId();
  const { submit, error, saved, fieldErrors, pending } = useSaveForm<T>({
    read,
    save: (input) => action(orgSlug, input),
    onSaved: (data, form) => {
      form.reset();
      router.refresh();
      return onDone(data);
    },
  });
  // "consent.source" shows under the field named "source" too.
  const errors: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    (errors[path] ??= []).push(...messages);
    const last = path.split(".").at(-1)!;
    if (last !== path) (errors[last] ??= []).push(...messages);
  }
  return (
    <form method="post" onSubmit={submit} noValidate aria-label={label} className={className ?? "space-y-3"}>
      <FormError message={error} />
      <FormFields.Provider value={{ prefix, errors }}>{children}</FormFields.Provider>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonStyles.primary}>
          {pending ? pendingLabel : submitLabel}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {saved}
        </p>
      </div>
    </form>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  defaultValue?: string;
  type?: string;
  required?: boolean;
  /** A <select> with these options instead of an input. */
  options?: { value: string; label: string }[];
  maxLength?: number;
  className?: string;
};

/** A labelled field of an ActionForm, its server errors tied to it (aria-describedby). */
export function Field({
  name,
  label,
  hint,
  placeholder,
  defaultValue,
  type = "text",
  required,
  options,
  maxLength,
  className,
}: FieldProps) {
  const { prefix, errors } = useContext(FormFields);
  const id = `${prefix}-${name}`;
  const fieldErrors = errors[name] ?? [];
  const describedBy = [fieldErrors.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  const common = {
    id,
    name,
    required,
    defaultValue,
    "aria-invalid": fieldErrors.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
    className: inputStyles,
  };
  return (
    <div className={`space-y-1 text-sm ${className ?? ""}`}>
      <label htmlFor={id} className="block font-medium text-slate-700">
        {label}
      </label>
      {options ? (
        <select {...common}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={type} placeholder={placeholder} maxLength={maxLength} />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-error`} errors={fieldErrors} />
    </div>
  );
}

/** The text of a form field, trimmed; undefined when empty (optional fields are left out). */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
}
