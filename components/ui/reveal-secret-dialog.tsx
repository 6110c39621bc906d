"use client";

import { useId, useRef, useState } from "react";
import { buttonStyles, Dialog } from "./dialog";

type Props = {
  title: string;
  /** What the secret is ("API key", "Signing secret"). */
  label: string;
  /** The secret, held only in memory while this dialog is open: never in the URL, storage or a log. */
  secret: string;
  /** Why to copy it now, and what happens if it leaks. */
  warning: React.ReactNode;
  note?: React.ReactNode;
  testId: string;
  onDone: () => void;
};

/** Shows a secret to copy (API key, webhook signing secret): a read-only field, Copy, and Done. */
export function RevealSecretDialog({ title, label, secret, warning, note, testId, onDone }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      // No clipboard access (permission refused): select the text so Ctrl+C works.
      inputRef.current?.select();
      setCopy("failed");
    }
  }

  return (
    <Dialog title={title} onClose={onDone} dismissable={false}>
      <div className="space-y-4">
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {warning}
        </p>
        <div className="space-y-1">
          <label htmlFor={`${id}-secret`} className="block text-sm font-medium text-slate-700">
            {label}
          </label>
          <div className="flex gap-2">
            <input
              ref={inputRef}
              id={`${id}-secret`}
              readOnly
              value={secret}
              spellCheck={false}
              autoComplete="off"
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
              data-testid={testId}
            />
            <button type="button" onClick={copySecret} className={`${buttonStyles.secondary} whitespace-nowrap`}>
              {copy === "copied" ? "Copied" : "Copy"}
            </button>
          </div>
          <p aria-live="polite" className="text-xs text-slate-500">
            {copy === "copied"
              ? "Copied to the clipboard."
              : copy === "failed"
                ? `The browser refused clipboard access: the ${label.toLowerCase()} is selected, press Ctrl+C (⌘C).`
                : null}
          </p>
        </div>
        {note ? <p className="text-sm text-slate-600">{note}</p> : null}
        <div className="flex justify-end border-t border-slate-100 pt-4">
          <button type="button" onClick={onDone} className={buttonStyles.primary}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
