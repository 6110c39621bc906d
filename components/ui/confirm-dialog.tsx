"use client";

import { useState, useTransition } from "react";
import { Dialog, DialogActions } from "./dialog";
import { FormError } from "./form-field";

type Props = {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  /** Resolves to an error message to show, or null when done. */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
};

/** A yes/no question before something destructive; Cancel has the focus, so Enter does not confirm by accident. */
export function ConfirmDialog({ title, children, confirmLabel, pendingLabel, onConfirm, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const failure = await onConfirm();
      if (failure) setError(failure);
    });
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="space-y-4">
        <div className="text-sm text-slate-700">{children}</div>
        <FormError message={error} />
        <DialogActions
          onCancel={onClose}
          focusCancel
          label={confirmLabel}
          pendingLabel={pendingLabel}
          pending={pending}
          tone="danger"
          onConfirm={confirm}
        />
      </div>
    </Dialog>
  );
}
