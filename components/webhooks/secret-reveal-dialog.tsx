"use client";

import { useId, useRef, useState } from "react";
import { buttonStyles, Dialog } from "@/components/api-keys/dialog";

type Props = {
  /** The signing secret, held only in memory while this dialog is open: never in the URL, storage or a log. */
  secret: string;
  title: string;
  /** After a rotation: until when the old secret keeps signing. */
  note?: React.ReactNode;
  /** A freshly created or rotated secret is shown once; a revealed one can be revealed again (with step-up). */
  once: boolean;
  onDone: () => void;
};

/** Shows a whsec_… signing secret to copy into the receiver's configuration. */
export function SecretRevealDialog({ secret, title, note, once, onDone }: Props) {
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
          {once ? (
            <>
              Copy this secret into your receiver&apos;s configuration now. <strong>It is shown this once</strong>; later, an admin can reveal it again only after
              confirming their password.
            </>
          ) : (
            <>Anyone with this secret can forge events to your receiver. Keep it in your secret manager, not in code or chat.</>
          )}
        </p>
        <div className="space-y-1">
          <label htmlFor={`${id}-secret`} className="block text-sm font-medium text-slate-700">
            Signing secret
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
              data-testid="revealed-secret"
            />
            <button type="button" onClick={copySecret} className={`${buttonStyles.secondary} whitespace-nowrap`}>
              {copy === "copied" ? "Copied" : "Copy"}
            </button>
          </div>
          <p aria-live="polite" className="text-xs text-slate-500">
            {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "The browser refused clipboard access: the secret is selected, press Ctrl+C (⌘C)." : null}
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
