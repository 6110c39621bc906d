"use client";

import { useEffect, useRef, useState } from "react";

type ConfirmButtonProps = {
  label: string;
  /** The accessible name of the first button, when `label` alone is ambiguous in a table of them. */
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
};

/**
 * A destructive button that asks "Are you sure?" inline before acting. Focus moves to the confirm
 * button when it appears and back to the first button on cancel; Escape cancels.
 */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, pending, onConfirm }: ConfirmButtonProps) {
  const [armed, setArmed] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasArmed = useRef(false);

  useEffect(() => {
    if (armed) confirmRef.current?.focus();
    else if (wasArmed.current) triggerRef.current?.focus();
    wasArmed.current = armed;
  }, [armed]);

  if (!armed) {
    return (
      <button
        ref={triggerRef}
        type="button"
        aria-label={ariaLabel}
        onClick={() => setArmed(true)}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
      >
        {label}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label={question}
      className="inline-flex items-center gap-2"
      onKeyDown={(event) => event.key === "Escape" && setArmed(false)}
    >
      <span className="text-sm text-slate-700">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        disabled={pending}
        onClick={onConfirm}
        className="rounded-md bg-red-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? "Working…" : confirmLabel}
      </button>
      <button
        type="button"
        disabled={pending}
        onClick={() => setArmed(false)}
        className="rounded-md px-2.5 py-1 text-sm text-slate-600 hover:bg-slate-100"
      >
        Cancel
      </button>
    </span>
  );
}
