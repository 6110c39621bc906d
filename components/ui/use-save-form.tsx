"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action-result";

type Options<T> = {
  /** The action's input from the form's fields. */
  read: (form: FormData) => unknown;
  save: (input: unknown) => Promise<ActionResult<T>>;
  /** What to say once saved (null: say nothing, e.g. when navigating away); it may reset the form or go on. */
  onSaved: (data: T, form: HTMLFormElement) => string | null | Promise<string | null>;
};

/**
 * A form that submits to a server action in place (settings, sign-up, password): its error, field
 * errors, "saved" note and pending state.
 * onSubmit rather than a form action: React resets a form after its action, wiping what was typed.
 */
export function useSaveForm<T>({ read, save, onSaved }: Options<T>) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = read(new FormData(form));
    setError(null);
    setSaved(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await save(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setSaved(await onSaved(result.data, form));
    });
  }

  return { submit, error, saved, fieldErrors, pending };
}

const SAVE_BUTTON =
  "rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** The save button of a settings form, and the note that says what saving did. */
export function SaveBar({ pending, label, saved }: { pending: boolean; label: string; saved: string | null }) {
  return (
    <div className="flex items-center gap-3">
      <button type="submit" disabled={pending} className={SAVE_BUTTON}>
        {pending ? "Saving…" : label}
      </button>
      <p role="status" className="text-sm text-emerald-700">
        {saved}
      </p>
    </div>
  );
}
