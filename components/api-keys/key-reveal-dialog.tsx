"use client";

import { useId, useRef, useState } from "react";
import { buttonStyles, Dialog } from "./dialog";

type Props = {
  /** The full key, held only in memory for as long as this dialog is open: never in the URL, storage or a log. */
  secret: string;
  name: string;
  /** After a roll: until when the old key keeps working. */
  note?: React.ReactNode;
  onDone: () => void;
};

/** The one time a key is shown: copy it now, it cannot be shown again (Verity keeps only its hash). */
export function KeyRevealDialog({ secret, name, note, onDone }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyKey() {
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
    <Dialog title={`Your new key for ${name}`} onClose={onDone} dismissable={false}>
      <div className="space-y-4">
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Copy this key now and store it in your secret manager. <strong>It will not be shown again</strong>: Verity keeps only a hash of it.
        </p>
        <div className="space-y-1">
          <label htmlFor={`${id}-key`} className="block text-sm font-medium text-slate-700">
            API key
          </label>
          <div className="flex gap-2">
            <input
              ref={inputRef}
              id={`${id}-key`}
              readOnly
              value={secret}
              spellCheck={false}
              autoComplete="off"
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
              data-testid="revealed-key"
            />
            <button type="button" onClick={copyKey} className={`${buttonStyles.secondary} whitespace-nowrap`}>
              {copy === "copied" ? "Copied" : "Copy"}
            </button>
          </div>
          <p aria-live="polite" className="text-xs text-slate-500">
            {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "The browser refused clipboard access: the key is selected, press Ctrl+C (⌘C)." : null}
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
