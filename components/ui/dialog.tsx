"use client";

import { useEffect, useId, useRef } from "react";

type DialogProps = {
  title: string;
  /** Called on Escape and on the dialog's own close (a "Cancel" button calls it too). */
  onClose: () => void;
  children: React.ReactNode;
  /** Wider for forms. */
  size?: "md" | "lg";
  /** A dialog that must be acknowledged with a button (the one-time key reveal) ignores Escape. */
  dismissable?: boolean;
};

/**
 * Opens a native <dialog> as a modal while mounted: the browser traps focus, makes the page behind it
 * inert and gives it the dialog role; on unmount it closes and focus returns to whatever opened it.
 */
export function useModal(onEscape: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  // Escape asks the owner to close (it unmounts the dialog) instead of closing behind React's back.
  const onCancel = (event: React.SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onEscape();
  };
  return { ref, onCancel };
}

/**
 * A modal on the native <dialog> element: the browser traps focus, makes the page behind it inert and
 * gives it the dialog role; focus returns to whatever opened it when it closes.
 */
export function Dialog({ title, onClose, children, size = "md", dismissable = true }: DialogProps) {
  const modal = useModal(() => {
    if (dismissable) onClose();
  });
  const titleId = useId();

  return (
    <dialog
      {...modal}
      aria-labelledby={titleId}
      className={
        `m-auto w-[calc(100%-2rem)] ${size === "lg" ? "max-w-2xl" : "max-w-lg"} rounded-lg border ` +
        `border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`
      }
    >
      <div className="max-h-[85vh] overflow-y-auto p-6">
        <h2 id={titleId} className="mb-4 text-lg font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

export const buttonStyles = {
  primary: "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60",
  secondary:
    "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60",
  danger: "rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60",
} as const;

type DialogActionsProps = {
  onCancel: () => void;
  cancelLabel?: string;
  /** Focus on Cancel when the dialog opens, so Enter does not confirm something destructive by accident. */
  focusCancel?: boolean;
  label: string;
  pendingLabel: string;
  pending: boolean;
  tone?: "primary" | "danger";
  /** Without it the button submits the dialog's form. */
  onConfirm?: () => void;
};

/** A dialog's footer: Cancel, then the button that does what the dialog asks (saying so while it runs). */
export function DialogActions(props: DialogActionsProps) {
  const { onCancel, cancelLabel = "Cancel", focusCancel, label, pendingLabel, pending, tone = "primary" } = props;
  const { onConfirm } = props;
  return (
    <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
      <button type="button" autoFocus={focusCancel} onClick={onCancel} className={buttonStyles.secondary}>
        {cancelLabel}
      </button>
      <button
        type={onConfirm ? "button" : "submit"}
        disabled={pending}
        onClick={onConfirm}
        className={buttonStyles[tone]}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
